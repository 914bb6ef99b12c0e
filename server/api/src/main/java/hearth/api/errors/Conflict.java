package hearth.api.errors;

/** The request clashes with the current state (e.g. disabling a plugin another one needs); the message says how. */
public final class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message, null, false, false);
    }
}
