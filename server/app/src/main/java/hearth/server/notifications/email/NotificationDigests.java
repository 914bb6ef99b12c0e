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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The daily and weekly digests: once a period per member, one mail listing their notifications that arrived since
 * the last digest, are still unread, and whose kind the member wants in that digest. A digest is taken by moving the
 * member's cursor and "sent at" with an UPDATE conditioned on both, in the transaction that queues the mail, so it
 * goes out once whichever node gets there first and however often the job runs.
 */
final class NotificationDigests {

    /** A digest's period, its preference value, and its cursor columns. */
    record Schedule(Duration period, EmailFrequency frequency, MailKind kind, Field<Long> through,
                    Field<Instant> sentAt) {
    }

    static final Schedule DAILY = new Schedule(Duration.ofDays(1), EmailFrequency.DAILY, MailKind.DAILY_DIGEST,
            MEMBER_EMAIL_STATE.DAILY_THROUGH, MEMBER_EMAIL_STATE.DAILY_SENT_AT);
    static final Schedule WEEKLY = new Schedule(Duration.ofDays(7), EmailFrequency.WEEKLY, MailKind.WEEKLY_DIGEST,
            MEMBER_EMAIL_STATE.WEEKLY_THROUGH, MEMBER_EMAIL_STATE.WEEKLY_SENT_AT);
    /** The most notifications one digest lists; it links to the full list. */
    static final int MAX_LISTED = 50;
    private static final int MEMBERS_PER_RUN = 100;

    private final Database db;
    private final MemberPreferences preferences;
    private final Mailer mailer;
    private final NotificationMails mails;

    NotificationDigests(Database db, MemberPreferences preferences, Mailer mailer, NotificationMails mails) {
        this.db = db;
        this.preferences = preferences;
        this.mailer = mailer;
        this.mails = mails;
    }

    /** Queues the digests of {@code schedule} that are due (blocking); returns how many. */
    int sendDue(Schedule schedule, Instant now) {
        Instant cutoff = now.minus(schedule.period());
        var due = db.query(sql -> sql.select(MEMBER_EMAIL_STATE.MEMBER_ID, schedule.through(), DSL.max(NOTIFICATIONS.ID))
                .from(MEMBER_EMAIL_STATE).join(NOTIFICATIONS)
                .on(NOTIFICATIONS.MEMBER_ID.eq(MEMBER_EMAIL_STATE.MEMBER_ID), NOTIFICATIONS.ID.gt(schedule.through()))
                .where(schedule.sentAt().le(cutoff))
                .groupBy(MEMBER_EMAIL_STATE.MEMBER_ID, schedule.through())
                .limit(MEMBERS_PER_RUN)
                .fetch());
        int queued = 0;
        for (var member : due) {
            queued += db.transaction(tx -> {
                long memberId = member.value1();
                int claimed = tx.sql().update(MEMBER_EMAIL_STATE)
                        .set(schedule.through(), member.value3())
                        .set(schedule.sentAt(), now)
                        .where(MEMBER_EMAIL_STATE.MEMBER_ID.eq(memberId), schedule.through().eq(member.value2()),
                                schedule.sentAt().le(cutoff))
                        .execute();
                Optional<Recipient> recipient = claimed == 1 ? Recipient.find(tx.sql(), memberId, now)
                        : Optional.empty();
                if (recipient.isEmpty()) {
                    return 0;
                }
                Map<NotificationKind, EmailFrequency> wanted = preferences.emailFrequencies(tx.sql(), memberId);
                List<MailedNotification> listed = MailedNotification.unread(tx.sql(), memberId, member.value2(),
                                member.value3(), Integer.MAX_VALUE).stream()
                        .filter(n -> wanted.get(NotificationMailKinds.preferenceFor(n.kind())) == schedule.frequency())
                        .toList();
                if (listed.isEmpty()) {
                    return 0;
                }
                List<MailedNotification> newest = listed.subList(Math.max(0, listed.size() - MAX_LISTED),
                        listed.size());
                mailer.queue(tx, mails.digest(recipient.get(), schedule.kind(), newest));
                return 1;
            });
        }
        // A period without notifications passes too, so the next digest waits its full period after a quiet one.
        db.transaction(tx -> tx.sql().update(MEMBER_EMAIL_STATE)
                .set(schedule.sentAt(), now)
                .where(schedule.sentAt().le(cutoff))
                .andNotExists(DSL.selectOne().from(NOTIFICATIONS)
                        .where(NOTIFICATIONS.MEMBER_ID.eq(MEMBER_EMAIL_STATE.MEMBER_ID),
                                NOTIFICATIONS.ID.gt(schedule.through())))
                .execute());
        return queued;
    }
}
