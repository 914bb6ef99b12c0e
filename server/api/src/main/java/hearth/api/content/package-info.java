/** Content guards: accept, hold or reject text before it is saved. */
package hearth.api.content;
