package hearth.server.notifications.email;

import static hearth.server.db.schema.tables.MemberEmailState.MEMBER_EMAIL_STATE;
import static hearth.server.db.schema.tables.Notifications.NOTIFICATIONS;

import hearth.server.db.Database;
import hearth.server.mail.Mailer;
import hearth.server.profiles.EmailFrequency;
import hearth.server.profiles.MemberPreferences;
import hearth.server.profiles.NotificationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * Mails each notification on its own to members who want its kind immediately. A notification waits
 * {@link #DELAY} first, so one read on the site meanwhile (the member was online anyway) is not mailed. A node takes
 * a member's new notifications by moving their {@code immediate_through} cursor with a conditional UPDATE in the
 * same transaction that queues the mails: each notification is considered once, across restarts and nodes. Only
 * notifications whose grace period ended within the last {@link #LATE_AFTER} are looked at (an index range, not
 * every member): one the site could not mail in time (it was down) is left to the list on the site.
 */
final class ImmediateNotificationMail {

    static final Duration DELAY = Duration.ofMinutes(2);
    static final Duration LATE_AFTER = Duration.ofHours(1);
    /** More than this in one go is a flood better read on the site; the rest are left to the list. */
    static final int MAX_PER_RUN = 20;
    private static final int MEMBERS_PER_RUN = 100;

    private final Database db;
    private final MemberPreferences preferences;
    private final Mailer mailer;
    private final NotificationMails mails;

    ImmediateNotificationMail(Database db, MemberPreferences preferences, Mailer mailer, NotificationMails mails) {
        this.db = db;
        this.preferences = preferences;
        this.mailer = mailer;
        this.mails = mails;
    }

    /** Queues the mails that are due (blocking); returns how many. */
    int sendDue(Instant now) {
        Instant cutoff = now.minus(DELAY);
        Instant tooLate = cutoff.minus(LATE_AFTER);
        var due = db.query(sql -> sql.select(MEMBER_EMAIL_STATE.MEMBER_ID, MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH,
                        DSL.max(NOTIFICATIONS.ID))
                .from(MEMBER_EMAIL_STATE).join(NOTIFICATIONS)
                .on(NOTIFICATIONS.MEMBER_ID.eq(MEMBER_EMAIL_STATE.MEMBER_ID),
                        NOTIFICATIONS.ID.gt(MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH),
                        NOTIFICATIONS.CREATED_AT.le(cutoff), NOTIFICATIONS.CREATED_AT.gt(tooLate))
                .groupBy(MEMBER_EMAIL_STATE.MEMBER_ID, MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH)
                .limit(MEMBERS_PER_RUN)
                .fetch());
        int queued = 0;
        for (var member : due) {
            queued += db.transaction(tx -> {
                long memberId = member.value1();
                int claimed = tx.sql().update(MEMBER_EMAIL_STATE)
                        .set(MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH, member.value3())
                        .where(MEMBER_EMAIL_STATE.MEMBER_ID.eq(memberId),
                                MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH.eq(member.value2()))
                        .execute();
                Optional<Recipient> recipient = claimed == 1 ? Recipient.find(tx.sql(), memberId, now)
                        : Optional.empty();
                if (recipient.isEmpty()) {
                    return 0;
                }
                Map<NotificationKind, EmailFrequency> wanted = preferences.emailFrequencies(tx.sql(), memberId);
                int count = 0;
                for (MailedNotification n : MailedNotification.unread(tx.sql(), memberId, member.value2(),
                        member.value3(), MAX_PER_RUN)) {
                    if (n.createdAt().isAfter(tooLate)
                            && wanted.get(NotificationMailKinds.preferenceFor(n.kind())) == EmailFrequency.IMMEDIATELY) {
                        mailer.queue(tx, mails.immediate(recipient.get(), n));
                        count++;
                    }
                }
                return count;
            });
        }
        return queued;
    }
}
