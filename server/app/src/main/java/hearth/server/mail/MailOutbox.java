package hearth.server.mail;

import static hearth.server.db.schema.tables.MailOutbox.MAIL_OUTBOX;

import hearth.server.db.schema.tables.records.MailOutboxRecord;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** The SQL of the {@code mail_outbox} table. */
final class MailOutbox {

    static final int MAX_ERROR = 1000;

    long add(DSLContext sql, Mail mail, Instant now) {
        return sql.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.TO_ADDRESS, mail.to())
                .set(MAIL_OUTBOX.SUBJECT, mail.subject())
                .set(MAIL_OUTBOX.BODY_TEXT, mail.bodyText())
                .set(MAIL_OUTBOX.HEADERS, mail.headerLines())
                .set(MAIL_OUTBOX.CREATED_AT, now)
                .set(MAIL_OUTBOX.ATTEMPTS, 0)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now)
                .returning(MAIL_OUTBOX.ID)
                .fetchSingle(MAIL_OUTBOX.ID);
    }

    /** Newest first. */
    List<OutboxEntry> recent(DSLContext sql, int limit) {
        return sql.selectFrom(MAIL_OUTBOX).orderBy(MAIL_OUTBOX.ID.desc()).limit(limit).fetch(MailOutbox::entry);
    }

    /** Unsent mail whose next attempt is due and that has not used up its attempts, longest waiting first. */
    List<OutboxEntry> due(DSLContext sql, Instant now, int maxAttempts, int limit) {
        return sql.selectFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.SENT_AT.isNull())
                .and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                .and(MAIL_OUTBOX.ATTEMPTS.lt(maxAttempts))
                .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID)
                .limit(limit)
                .fetch(MailOutbox::entry);
    }

    /**
     * Takes the next attempt at a mail: counts it and moves the mail's next attempt to {@code retryAt}, but only if
     * nobody else counted one since {@code attemptsSeen} was read. Exactly one sender wins, so two nodes never send
     * the same attempt, and a sender that dies mid-send leaves a mail that is simply retried at {@code retryAt}.
     */
    boolean claim(DSLContext sql, long id, int attemptsSeen, Instant retryAt) {
        return sql.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.ATTEMPTS, attemptsSeen + 1)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, retryAt)
                .where(MAIL_OUTBOX.ID.eq(id))
                .and(MAIL_OUTBOX.ATTEMPTS.eq(attemptsSeen))
                .and(MAIL_OUTBOX.SENT_AT.isNull())
                .execute() == 1;
    }

    void markSent(DSLContext sql, long id, Instant at) {
        sql.update(MAIL_OUTBOX).set(MAIL_OUTBOX.SENT_AT, at).where(MAIL_OUTBOX.ID.eq(id)).execute();
    }

    void recordFailure(DSLContext sql, long id, String error) {
        String cut = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
        sql.update(MAIL_OUTBOX).set(MAIL_OUTBOX.LAST_ERROR, cut).where(MAIL_OUTBOX.ID.eq(id)).execute();
    }

    private static OutboxEntry entry(MailOutboxRecord r) {
        return new OutboxEntry(r.getId(), r.getToAddress(), r.getSubject(), r.getBodyText(), r.getCreatedAt(),
                r.getSentAt(), r.getAttempts(), r.getNextAttemptAt(), r.getLastError(), Mail.parseHeaderLines(r.getHeaders()));
    }
}
