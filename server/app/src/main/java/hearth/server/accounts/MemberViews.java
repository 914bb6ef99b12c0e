package hearth.server.accounts;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.access.Role;
import hearth.api.views.MemberView;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Members as the plugin API shows them ({@link MemberView}); deleted accounts are not found. */
public final class MemberViews {

    private MemberViews() {
    }

    public static Optional<MemberView> find(DSLContext sql, Condition which, Instant now) {
        return sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME, MEMBERS.ROLE, MEMBERS.STATUS,
                        MEMBERS.STATUS_UNTIL, MEMBERS.CREATED_AT)
                .from(MEMBERS).where(which, MEMBERS.DELETED_AT.isNull())
                .fetchOptional(r -> new MemberView(r.value1(), r.value2(), r.value3(),
                        Role.valueOf(r.value4().toUpperCase(Locale.ROOT)),
                        MemberStatus.of(r.value5(), r.value6(), now).blocksPosting(), r.value7()));
    }
}
