package hearth.server.uploads;

/**
 * An uploaded image was not accepted. The message is written for the uploader and can be shown as it is;
 * {@link #status()} is the HTTP status that fits (400, 413 for size, 429 for pace, 403 for rights).
 */
public final class UploadRefused extends RuntimeException {

    private final int status;

    public UploadRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
