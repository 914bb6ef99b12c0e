package hearth.server.plugins;

import hearth.api.data.PluginTransaction;
import hearth.api.mail.MemberMail;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.mail.Mail;
import hearth.server.mail.Mailer;
import hearth.server.moderation.PluginTx;
import hearth.server.notifications.email.Recipient;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plugin's mail to members: through the core's outbox, to the same members the core's notification mail reaches
 * ({@link Recipient}), with the plugin's unsubscribe page at the foot and in {@code List-Unsubscribe}. No one-click
 * {@code List-Unsubscribe-Post}: the page asks the member to log in, which a one-click POST cannot.
 */
record PluginMemberMail(String pluginId, Database db, Mailer mailer, Clock clock, URI baseUrl) implements MemberMail {

    private static final Pattern SITE_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*");

    @Override
    public boolean queue(PluginTransaction tx, long memberId, String subject, String text, String unsubscribePath) {
        return queue(PluginTx.of(tx), memberId, subject, text, unsubscribePath);
    }

    @Override
    public boolean queue(long memberId, String subject, String text, String unsubscribePath) {
        return db.transaction(tx -> queue(tx, memberId, subject, text, unsubscribePath));
    }

    @Override
    public String link(String path) {
        if (path == null || !SITE_PATH.matcher(path).matches() || path.startsWith("//")) {
            throw new IllegalArgumentException("Plugin " + pluginId + ": not a path on the site: " + path);
        }
        return baseUrl.resolve(path).toString();
    }

    private boolean queue(Tx tx, long memberId, String subject, String text, String unsubscribePath) {
        String unsubscribe = link(unsubscribePath);
        Optional<Recipient> recipient = Recipient.find(tx.sql(), memberId, clock.instant());
        if (recipient.isEmpty()) {
            return false;
        }
        String body = text.stripTrailing() + "\n\n-- \nTo stop these mails: " + unsubscribe + "\n";
        mailer.queue(tx, new Mail(recipient.get().email(), subject, body,
                Map.of("List-Unsubscribe", "<" + unsubscribe + ">", "X-Hearth-Plugin", pluginId)));
        return true;
    }
}
