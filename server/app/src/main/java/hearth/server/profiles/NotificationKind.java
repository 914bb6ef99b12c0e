package hearth.server.profiles;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of notification a member chooses an email frequency for, with the default and the choices allowed.
 * Every in-app notification falls under one of the first four (see {@code NotificationMailKinds}); each is mailed
 * immediately, in the daily or weekly digest, or never, by default in the daily digest.
 */
public enum NotificationKind {
    REPLIES(EmailFrequency.DAILY),
    MENTIONS(EmailFrequency.DAILY),
    MESSAGES(EmailFrequency.DAILY),
    /** Every other notification: likes, bookmark reminders, accepted answers, plugins' kinds. */
    OTHER(EmailFrequency.DAILY),
    /**
     * The digest of popular topics for members who have been away (when the site offers it); opt-in, and at most
     * daily or weekly. "Immediately" would make no sense for it.
     */
    DIGEST(EmailFrequency.NEVER);

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
