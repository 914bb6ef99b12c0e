package hearth.server.tags;

import hearth.api.errors.InvalidInput;
import java.util.Locale;

/** Who creates tags (site setting {@code discussions.tag-mode}). */
public enum TagMode {
    /** Members create a tag by using it while posting. */
    FREE,
    /** Members choose among the tags admins defined. */
    ADMIN_ONLY;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The stored or submitted value; {@code field} names the form field for the error. */
    public static TagMode parse(String field, String typed) {
        for (TagMode mode : values()) {
            if (mode.key().equals(typed)) {
                return mode;
            }
        }
        throw new InvalidInput(field, "Choose whether members may create tags (free) or only admins (admin-only).");
    }
}
