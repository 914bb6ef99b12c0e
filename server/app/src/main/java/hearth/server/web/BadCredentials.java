package hearth.server.web;

/**
 * The request came with credentials that do not hold (an unknown or revoked API key, say). Always a 401 in JSON:
 * whoever sends a key is a program, and it must learn that the key failed, never be served as an anonymous visitor
 * or sent to the login page.
 */
public final class BadCredentials extends RuntimeException {

    public BadCredentials(String message) {
        super(message, null, false, false);
    }
}
