package hearth.api.errors;

/** The viewer may not do this (403); the message says why, for the person. */
public final class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message, null, false, false);
    }
}
