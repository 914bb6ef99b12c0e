package hearth.server.profiles;

import java.util.Locale;
import java.util.Optional;

/** Light or dark pages, or whatever the member's system prefers. */
public enum ThemeChoice {
    LIGHT, DARK, AUTO;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ThemeChoice> parse(String key) {
        for (ThemeChoice theme : values()) {
            if (theme.key().equals(key)) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }
}
