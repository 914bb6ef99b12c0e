package hearth.server.profiles;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The kinds of notification a member chooses an email frequency for, with the default and the choices allowed. */
public enum NotificationKind {
    REPLIES(EmailFrequency.IMMEDIATELY),
    MENTIONS(EmailFrequency.IMMEDIATELY),
    MESSAGES(EmailFrequency.IMMEDIATELY),
    /** A summary of what happened; "immediately" would make no sense for it. */
    DIGEST(EmailFrequency.WEEKLY);

    private final EmailFrequency defaultFrequency;

    NotificationKind(EmailFrequency defaultFrequency) {
        this.defaultFrequency = defaultFrequency;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The form input and API error field for this kind. */
    public String inputName() {
        return "email." + key();
    }

    public EmailFrequency defaultFrequency() {
        return defaultFrequency;
    }

    public Set<EmailFrequency> choices() {
        return this == DIGEST ? EnumSet.of(EmailFrequency.DAILY, EmailFrequency.WEEKLY, EmailFrequency.NEVER)
                : EnumSet.allOf(EmailFrequency.class);
    }

    public static Optional<NotificationKind> parse(String key) {
        for (NotificationKind kind : values()) {
            if (kind.key().equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
