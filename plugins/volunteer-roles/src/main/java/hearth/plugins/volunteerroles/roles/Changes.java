package hearth.plugins.volunteerroles.roles;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The record of every change to roles, grants and trust levels: who did what to whom, when and why. Entries are
 * written in the transaction of the change and never changed afterwards.
 */
public final class Changes {

    /** One change; {@code actorId} 0 is the site itself (expiry, trust levels computed from activity). */
    public record Change(long id, Instant at, long actorId, String action, long memberId, long roleId, String detail) {
    }

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<Instant> AT = Columns.instant("at");
    private static final Field<Long> ACTOR_ID = Columns.id("actor_id");
    private static final Field<String> ACTION = Columns.text("action");
    private static final Field<Long> MEMBER_ID = Columns.id("member_id");
    private static final Field<Long> ROLE_ID = Columns.id("role_id");
    private static final Field<String> DETAIL = Columns.text("detail");

    private final PluginDatabase db;
    private final Clock clock;
    private final Table<Record> table;

    public Changes(PluginDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.table = DSL.table(DSL.name(db.table("changes")));
    }

    /** Records a change in the caller's transaction. */
    public void add(DSLContext sql, long actorId, String action, long memberId, long roleId, String detail) {
        String fitted = detail.length() > 1000 ? detail.substring(0, 999) + "…" : detail;
        sql.insertInto(table, AT, ACTOR_ID, ACTION, MEMBER_ID, ROLE_ID, DETAIL)
                .values(clock.instant(), actorId, action, memberId, roleId, fitted).execute();
    }

    /** The newest changes, about one member when {@code memberId} is not 0. */
    public List<Change> recent(long memberId, int limit) {
        Condition which = memberId == 0 ? DSL.noCondition() : MEMBER_ID.eq(memberId);
        return db.read(sql -> sql.select(ID, AT, ACTOR_ID, ACTION, MEMBER_ID, ROLE_ID, DETAIL).from(table)
                .where(which).orderBy(ID.desc()).limit(limit)
                .fetch(r -> new Change(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7())));
    }
}
