package hearth.server.notifications.email;

import hearth.server.access.SitePermissions;
import hearth.server.db.Database;
import hearth.server.mail.Mailer;
import hearth.server.profiles.MemberPreferences;
import hearth.server.site.SiteSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email for notifications: every node calls {@link #runDue} every few seconds
 * ({@code Hearth.Timing#chores}); each part takes its work with
 * conditional updates in the database, so whichever node runs first sends a mail and the others find nothing to
 * do. The mails go through the outbox, queued in the transaction that takes the work.
 */
public final class NotificationMailer {

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);

    private final Database db;
    private final Clock clock;
    private final ImmediateNotificationMail immediate;
    private final NotificationDigests digests;
    private final AbsentMemberDigests absent;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean failing;

    public NotificationMailer(Database db, Clock clock, Mailer mailer, MemberPreferences preferences,
                              SiteSettings settings, SitePermissions permissions, UnsubscribeLinks unsubscribe,
                              URI baseUrl, String siteName) {
        this.db = db;
        this.clock = clock;
        NotificationMails mails = new NotificationMails(unsubscribe, baseUrl, siteName);
        this.immediate = new ImmediateNotificationMail(db, preferences, mailer, mails);
        this.digests = new NotificationDigests(db, preferences, mailer, mails);
        this.absent = new AbsentMemberDigests(db, settings, permissions, mailer, mails);
    }

    /** Queues every notification mail that is due (blocking; run it off the event loop). */
    public void runDue() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous run is still going; it will have seen what this one would
        }
        Instant now = clock.instant();
        try {
            try {
                db.transaction(tx -> EmailStates.createMissing(tx.sql(), now));
            } catch (IntegrityConstraintViolationException e) {
                // Another node created the same rows at the same moment: they exist now, which is all we need.
            }
            immediate.sendDue(now);
            digests.sendDue(NotificationDigests.DAILY, now);
            digests.sendDue(NotificationDigests.WEEKLY, now);
            absent.sendDue(now);
            if (failing) {
                failing = false;
                log.info("Notification email: working again");
            }
        } catch (RuntimeException e) {
            if (!failing) { // one line per outage, not one per run
                failing = true;
                log.warn("Notification email: cannot read or queue mail, will keep trying: {}", e.toString(), e);
            }
        } finally {
            running.set(false);
        }
    }
}
