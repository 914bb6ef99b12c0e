package hearth.server.notifications.email;

import hearth.server.mail.Mail;
import java.net.URI;
import java.util.List;

/** The text of notification mails. Every one ends with the preferences link and its own unsubscribe link. */
final class NotificationMails {

    /** A topic for the digest of members who have been away. */
    record PopularTopic(String title, String url, int replies) {
    }

    private final UnsubscribeLinks unsubscribe;
    private final URI baseUrl;
    private final String siteName;

    NotificationMails(UnsubscribeLinks unsubscribe, URI baseUrl, String siteName) {
        this.unsubscribe = unsubscribe;
        this.baseUrl = baseUrl;
        this.siteName = siteName;
    }

    Mail immediate(Recipient to, MailedNotification notification) {
        MailKind kind = MailKind.immediate(NotificationMailKinds.preferenceFor(notification.kind()));
        String body = "Hello " + to.displayName() + ",\n\n"
                + notification.text() + "\n" + link(notification.url()) + "\n"
                + footer(to, kind);
        return new Mail(to.email(), notification.text(), body, unsubscribe.headers(to.id(), kind));
    }

    Mail digest(Recipient to, MailKind kind, List<MailedNotification> notifications) {
        String period = kind == MailKind.DAILY_DIGEST ? "daily" : "weekly";
        StringBuilder body = new StringBuilder("Hello ").append(to.displayName()).append(",\n\n")
                .append(notifications.size() == 1 ? "One notification is" : notifications.size() + " notifications are")
                .append(" waiting for you on ").append(siteName).append(":\n\n");
        notifications.forEach(n -> body.append("- ").append(n.text()).append("\n  ").append(link(n.url()))
                .append("\n"));
        body.append("\nAll of them: ").append(link("/notifications")).append("\n").append(footer(to, kind));
        String subject = "Your " + period + " digest from " + siteName + ": " + notifications.size() + " unread "
                + (notifications.size() == 1 ? "notification" : "notifications");
        return new Mail(to.email(), subject, body.toString(), unsubscribe.headers(to.id(), kind));
    }

    Mail absent(Recipient to, List<PopularTopic> topics) {
        StringBuilder body = new StringBuilder("Hello ").append(to.displayName()).append(",\n\n")
                .append("Here is what people talked about most on ").append(siteName)
                .append(" since your last visit:\n\n");
        topics.forEach(t -> body.append("- ").append(t.title()).append(" (").append(t.replies())
                .append(t.replies() == 1 ? " reply" : " replies").append(")\n  ").append(link(t.url()))
                .append("\n"));
        body.append("\n").append(footer(to, MailKind.ABSENT_DIGEST));
        return new Mail(to.email(), "What you missed on " + siteName, body.toString(),
                unsubscribe.headers(to.id(), MailKind.ABSENT_DIGEST));
    }

    private String footer(Recipient to, MailKind kind) {
        return "\n-- \nYou get this mail because of your email preferences: " + link("/account/preferences")
                + "\nUnsubscribe from " + kind.description() + ": " + unsubscribe.url(to.id(), kind) + "\n";
    }

    /** Notification links are site paths; plugins may also store absolute ones, which stay as they are. */
    private String link(String url) {
        return baseUrl.resolve(url).toString();
    }
}
