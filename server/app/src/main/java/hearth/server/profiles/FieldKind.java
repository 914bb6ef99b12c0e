package hearth.server.profiles;

import java.util.Locale;
import java.util.Optional;

/** What a custom profile field holds: free text, a web address, or one of the options an admin listed. */
public enum FieldKind {
    TEXT, LINK, SELECT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldKind> parse(String key) {
        for (FieldKind kind : values()) {
            if (kind.key().equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
