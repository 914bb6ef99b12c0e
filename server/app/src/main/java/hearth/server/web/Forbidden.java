package hearth.server.web;

/** The viewer may not do this; the message says why, for the person. */
public final class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message, null, false, false);
    }
}
