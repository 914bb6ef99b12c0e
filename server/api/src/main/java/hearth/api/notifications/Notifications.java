package hearth.api.notifications;

/**
 * Sends in-app notifications to members (blocking: call it from listeners, tasks and page handlers). Members see
 * them in their notification list with an unread badge.
 */
public interface Notifications {

    /**
     * Notifies one member. {@code kind} must be one the plugin declared. {@code dedupeKey} makes sending idempotent:
     * a second call with the same key (e.g. a listener seeing the same journal entry again) sends nothing, so build it
     * from what the notification is about, e.g. {@code "badge:" + badgeId + ":" + memberId}.
     *
     * @param title what happened, in one line for the member (plain text)
     * @param url   where the notification leads, a path on the site such as {@code /u/ada}
     */
    void send(long memberId, NotificationKind kind, String title, String url, String dedupeKey);
}
