package hearth.api.notifications;

/**
 * A kind of notification a plugin sends, declared with {@link hearth.api.Contributions#notificationKind}.
 *
 * @param key         {@code <plugin-id>.<name>}, e.g. {@code gamification.badge-awarded}
 * @param description what it tells the member, shown in their notification preferences
 */
public record NotificationKind(String key, String description) {
}
