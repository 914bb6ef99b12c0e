package hearth.server.web;

/** There is no such thing (or the viewer may not know it exists). */
public final class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message, null, false, false);
    }
}
