package hearth.server.mail;

import hearth.server.db.Database;
import hearth.server.db.Tx;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/**
 * Outgoing mail for features: {@link #queue} puts a mail in the outbox inside the caller's transaction, so it exists
 * exactly when the change that caused it (a sign-up, a password reset) commits, and never for one that rolled back.
 * The {@link MailSender} delivers it after the commit.
 */
public final class Mailer {

    /** The most rows {@link #recent} returns, whatever is asked. */
    public static final int MAX_RECENT = 500;

    private final Database db;
    private final Clock clock;
    private final MailSender sender;
    private final MailOutbox outbox = new MailOutbox();

    public Mailer(Database db, Clock clock, MailSender sender) {
        this.db = db;
        this.clock = clock;
        this.sender = sender;
    }

    /** Adds the mail to the outbox in {@code tx} and wakes the sender once {@code tx} commits; returns its id. */
    public long queue(Tx tx, Mail mail) {
        long id = outbox.add(tx.sql(), mail, clock.instant());
        tx.afterCommit(sender::wake);
        return id;
    }

    /** The newest {@code limit} mails, sent or not, newest first: what an admin's outbox page shows. */
    public Future<List<OutboxEntry>> recent(int limit) {
        int rows = Math.clamp(limit, 0, MAX_RECENT);
        return db.read(sql -> outbox.recent(sql, rows));
    }
}
