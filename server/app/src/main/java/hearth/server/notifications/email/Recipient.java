package hearth.server.notifications.email;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.accounts.MemberStatus;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A member who may receive notification email: not deleted, with a confirmed address, and not suspended or banned
 * (a silenced member still hears about replies).
 */
public record Recipient(long id, String displayName, String email) {

    public static Optional<Recipient> find(DSLContext sql, long memberId, Instant now) {
        return sql.select(MEMBERS.DISPLAY_NAME, MEMBERS.EMAIL, MEMBERS.STATUS, MEMBERS.STATUS_UNTIL)
                .from(MEMBERS)
                .where(MEMBERS.ID.eq(memberId), MEMBERS.DELETED_AT.isNull(), MEMBERS.EMAIL_VERIFIED_AT.isNotNull())
                .fetchOptional()
                .filter(r -> !MemberStatus.of(r.value3(), r.value4(), now).blocksLogin())
                .map(r -> new Recipient(memberId, r.value1(), r.value2()));
    }
}
