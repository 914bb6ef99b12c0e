/**
 * Mail to members through the site's outbox.
 *
 * @since 1.3.0
 */
package hearth.api.mail;
