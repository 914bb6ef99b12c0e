package hearth.server.notifications.email;

import hearth.server.profiles.EmailFrequency;
import hearth.server.profiles.NotificationKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of notification email, as an unsubscribe link names them: a notification mailed immediately (by its
 * preference kind), the daily or weekly digest of notifications, or the digest for members who have been away.
 */
public enum MailKind {
    REPLIES("replies", "emails about replies"),
    MENTIONS("mentions", "emails about mentions and quotes"),
    MESSAGES("messages", "emails about private messages"),
    OTHER("other", "emails about likes, reminders and other notifications"),
    DAILY_DIGEST("daily", "the daily digest of your notifications"),
    WEEKLY_DIGEST("weekly", "the weekly digest of your notifications"),
    ABSENT_DIGEST("digest", "the digest of popular topics while you are away");

    private final String key;
    private final String description;

    MailKind(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** What unsubscribing stops, for the confirmation page ("the daily digest of your notifications"). */
    public String description() {
        return description;
    }

    public static Optional<MailKind> parse(String key) {
        for (MailKind kind : values()) {
            if (kind.key.equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The mail kind of a notification mailed on its own. */
    public static MailKind immediate(NotificationKind preference) {
        return switch (preference) {
            case REPLIES -> REPLIES;
            case MENTIONS -> MENTIONS;
            case MESSAGES -> MESSAGES;
            case OTHER, DIGEST -> OTHER;
        };
    }

    /**
     * The preference changes that stop this kind of mail, given the member's current frequencies: one kind turned
     * off, or for a digest of notifications every kind that goes into it.
     */
    public Map<NotificationKind, EmailFrequency> turnedOff(Map<NotificationKind, EmailFrequency> current) {
        Map<NotificationKind, EmailFrequency> changes = new EnumMap<>(NotificationKind.class);
        switch (this) {
            case REPLIES -> changes.put(NotificationKind.REPLIES, EmailFrequency.NEVER);
            case MENTIONS -> changes.put(NotificationKind.MENTIONS, EmailFrequency.NEVER);
            case MESSAGES -> changes.put(NotificationKind.MESSAGES, EmailFrequency.NEVER);
            case OTHER -> changes.put(NotificationKind.OTHER, EmailFrequency.NEVER);
            case ABSENT_DIGEST -> changes.put(NotificationKind.DIGEST, EmailFrequency.NEVER);
            case DAILY_DIGEST, WEEKLY_DIGEST -> {
                EmailFrequency digest = this == DAILY_DIGEST ? EmailFrequency.DAILY : EmailFrequency.WEEKLY;
                current.forEach((kind, frequency) -> {
                    if (kind != NotificationKind.DIGEST && frequency == digest) {
                        changes.put(kind, EmailFrequency.NEVER);
                    }
                });
            }
        }
        return changes;
    }
}
