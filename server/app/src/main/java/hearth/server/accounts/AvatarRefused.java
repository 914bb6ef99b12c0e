package hearth.server.accounts;

/**
 * An uploaded avatar was not accepted. The message is written for the person who uploaded it and can be shown as
 * it is; {@link #reason()} lets a handler choose a status code or an API error field without parsing text.
 */
public final class AvatarRefused extends RuntimeException {

    /** Why the upload was refused. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** More bytes than the upload limit. */
        FILE_TOO_LARGE,
        /** Not a PNG, JPEG or WebP file, whatever its name or declared type said. */
        NOT_AN_IMAGE,
        /** It looks like an accepted format but cannot be decoded completely. */
        DAMAGED,
        /** Its declared width × height is beyond the pixel limit (refused before decoding). */
        TOO_MANY_PIXELS
    }

    private final Reason reason;

    public AvatarRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
