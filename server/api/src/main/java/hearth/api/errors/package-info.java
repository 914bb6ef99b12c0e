/**
 * The failures a handler or service throws for the person to read: each becomes a 4xx page or a JSON
 * {@code {"error": ..., "field": ...}} in one place of the server. Plugins throw them too.
 */
package hearth.api.errors;
