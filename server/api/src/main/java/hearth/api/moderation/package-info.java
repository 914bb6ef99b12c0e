/** What moderation plugins may change in the core: posts, topics and members' standing. */
package hearth.api.moderation;
