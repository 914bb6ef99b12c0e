package hearth.server.profiles;

import java.util.Locale;
import java.util.Optional;

/** How often a member wants email about a kind of notification. */
public enum EmailFrequency {
    IMMEDIATELY, DAILY, WEEKLY, NEVER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EmailFrequency> parse(String key) {
        for (EmailFrequency frequency : values()) {
            if (frequency.key().equals(key)) {
                return Optional.of(frequency);
            }
        }
        return Optional.empty();
    }
}
