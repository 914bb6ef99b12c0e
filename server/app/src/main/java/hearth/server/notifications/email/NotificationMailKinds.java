package hearth.server.notifications.email;

import hearth.server.profiles.NotificationKind;
import java.util.Locale;

/**
 * Which email preference governs an in-app notification, from the kind its row holds. Core and plugins keep adding
 * kinds, so everything not recognised as a reply, a mention or quote, or a private message counts as "other".
 */
public final class NotificationMailKinds {

    private NotificationMailKinds() {
    }

    public static NotificationKind preferenceFor(String notificationKind) {
        String kind = notificationKind.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "reply", "replies" -> NotificationKind.REPLIES;
            case "mention", "mentions", "quote", "quotes" -> NotificationKind.MENTIONS;
            case "message", "messages" -> NotificationKind.MESSAGES;
            default -> NotificationKind.OTHER;
        };
    }
}
