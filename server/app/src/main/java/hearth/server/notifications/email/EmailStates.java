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
        long floor = sql.select(DSL.coalesce(DSL.max(NOTIFICATIONS.ID), 0L)).from(NOTIFICATIONS)
                .where(NOTIFICATIONS.CREATED_AT.lt(now.minus(BACKLOG))).fetchSingle().value1();
        var missing = MEMBERS.as("missing");
        return sql.insertInto(MEMBER_EMAIL_STATE, MEMBER_EMAIL_STATE.MEMBER_ID, MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH,
                        MEMBER_EMAIL_STATE.DAILY_THROUGH, MEMBER_EMAIL_STATE.DAILY_SENT_AT,
                        MEMBER_EMAIL_STATE.WEEKLY_THROUGH, MEMBER_EMAIL_STATE.WEEKLY_SENT_AT)
                .select(DSL.select(missing.ID, DSL.val(floor, MEMBER_EMAIL_STATE.IMMEDIATE_THROUGH),
                                DSL.val(floor, MEMBER_EMAIL_STATE.DAILY_THROUGH),
                                DSL.val(now, MEMBER_EMAIL_STATE.DAILY_SENT_AT),
                                DSL.val(floor, MEMBER_EMAIL_STATE.WEEKLY_THROUGH),
                                DSL.val(now, MEMBER_EMAIL_STATE.WEEKLY_SENT_AT))
                        .from(missing)
                        .where(missing.DELETED_AT.isNull())
                        .andNotExists(DSL.selectOne().from(MEMBER_EMAIL_STATE)
                                .where(MEMBER_EMAIL_STATE.MEMBER_ID.eq(missing.ID))))
                .execute();
    }

    /** Forgets a member's mailing state (their account is being deleted). */
    public static void forget(DSLContext sql, long memberId) {
        sql.deleteFrom(MEMBER_EMAIL_STATE).where(MEMBER_EMAIL_STATE.MEMBER_ID.eq(memberId)).execute();
    }
}
