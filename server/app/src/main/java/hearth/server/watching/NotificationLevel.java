package hearth.server.watching;

import hearth.api.errors.InvalidInput;
import java.util.Locale;

/** How much a member hears about a topic or a category. */
public enum NotificationLevel {
    /** A notification for every new post. */
    WATCHING,
    /** Unread counts in the lists; notifications only when addressed (mention, quote, reply). */
    TRACKING,
    /** The default: notifications only when addressed. */
    NORMAL,
    /** Nothing at all, and left out of the site-wide topic lists. */
    MUTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a person reads in the selector. */
    public String label() {
        return switch (this) {
            case WATCHING -> "Watching: every new post";
            case TRACKING -> "Tracking: count unread posts";
            case NORMAL -> "Normal: only when addressed";
            case MUTED -> "Muted: never notify, hide from latest";
        };
    }

    /** The level named {@code typed}, or an error on {@code level}. */
    public static NotificationLevel parse(String typed) {
        for (NotificationLevel level : values()) {
            if (level.key().equals(typed == null ? "" : typed.strip())) {
                return level;
            }
        }
        throw new InvalidInput("level", "Choose watching, tracking, normal or muted.");
    }

    /** The level stored as {@code key}; an unknown value reads as normal. */
    static NotificationLevel stored(String key) {
        for (NotificationLevel level : values()) {
            if (level.key().equals(key)) {
                return level;
            }
        }
        return NORMAL;
    }
}
