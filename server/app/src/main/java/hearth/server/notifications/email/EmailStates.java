package hearth.server.notifications.email;

import static hearth.server.db.schema.tables.MemberEmailState.MEMBER_EMAIL_STATE;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Notifications.NOTIFICATIONS;

import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The {@code member_email_state} rows: created for members who have none, removed with an account. */
public final class EmailStates {

    /** A new row starts after the notifications older than this: no flood of old ones after an upgrade. */
    static final Duration BACKLOG = Duration.ofDays(1);

    private EmailStates() {
    }

    /**
     * Gives every member without a row one: cursors after the notifications older than {@link #BACKLOG}, digests
     * counted from now. Two nodes may race here; the loser's insert fails on the primary key and it tries again on
     * its next run.
     */
    static int createMissing(DSLContext sql, Instant now) {
        var missing = MEMBERS.as("missing");
        var lacking = missing.DELETED_AT.isNull().andNotExists(DSL.selectOne().from(MEMBER_EMAIL_STATE)
                .where(MEMBER_EMAIL_STATE.MEMBER_ID.eq(missing.ID)));
        if (!sql.fetchExists(DSL.selectOne().from(missing).where(lacking))) {
            return 0;
        }
        // The newest notification older than the backlog, by the created_at index: no scan of the whole table.
        long floor = sql.select(NOTIFICATIONS.ID).from(NOTIFICATIONS)
                .where(NOTIFICATIONS.CREATED_AT.lt(now.minus(BACKLOG)))
                .orderBy(NOTIFICATIONS.CREATED_AT.desc(), NOTIFICATIONS.ID.desc()).limit(1)
                .fetchOptional(NOTIFICATIONS.ID).orElse(0L);
        return sql.insertInto(MEMBER_EMAIL_STATE, MEMBER_EMAIL_STATE.MEMBER_ID, MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH,
                        MEMBER_EMAIL_STATE.DAILY_THROUGH, MEMBER_EMAIL_STATE.DAILY_SENT_AT,
                        MEMBER_EMAIL_STATE.WEEKLY_THROUGH, MEMBER_EMAIL_STATE.WEEKLY_SENT_AT)
                .select(DSL.select(missing.ID, DSL.val(floor, MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH),
                                DSL.val(floor, MEMBER_EMAIL_STATE.DAILY_THROUGH),
                                DSL.val(now, MEMBER_EMAIL_STATE.DAILY_SENT_AT),
                                DSL.val(floor, MEMBER_EMAIL_STATE.WEEKLY_THROUGH),
                                DSL.val(now, MEMBER_EMAIL_STATE.WEEKLY_SENT_AT))
                        .from(missing)
                        .where(lacking))
                .execute();
    }

    /** Forgets a member's mailing state (their account is being deleted). */
    public static void forget(DSLContext sql, long memberId) {
        sql.deleteFrom(MEMBER_EMAIL_STATE).where(MEMBER_EMAIL_STATE.MEMBER_ID.eq(memberId)).execute();
    }
}
