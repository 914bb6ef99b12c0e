package hearth.server.profiles;

import java.util.Locale;
import java.util.Optional;

/** Who sees a custom profile field's answer: everyone, logged-in members, or only staff and the member themself. */
public enum FieldVisibility {
    EVERYONE, MEMBERS, STAFF;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean visibleTo(Audience audience) {
        return switch (this) {
            case EVERYONE -> true;
            case MEMBERS -> audience != Audience.ANONYMOUS;
            case STAFF -> audience.seesEverything();
        };
    }

    public static Optional<FieldVisibility> parse(String key) {
        for (FieldVisibility visibility : values()) {
            if (visibility.key().equals(key)) {
                return Optional.of(visibility);
            }
        }
        return Optional.empty();
    }
}
