package hearth.api.errors;

/** There is no such thing (404) (or the viewer may not know it exists). */
public final class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message, null, false, false);
    }
}
