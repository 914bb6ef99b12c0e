package hearth.plugins.moderation;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.data.PluginTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The audit log of every moderation action: who, what, to what, when, why, and the value before and after. Entries
 * are written in the same transaction as the action they describe, and never changed or deleted afterwards.
 */
public final class AuditLog {

    /** One action. {@code categoryId} is 0 when the action is not about one category (a member, the site). */
    public record Entry(long id, Instant at, long actorId, String action, String subjectType, long subjectId,
                        long categoryId, String reason, String before, String after) {
    }

    /** What to list: each part may be empty (no filter). */
    public record Filter(Optional<Long> actorId, Optional<String> action, Optional<String> subjectType,
                         Optional<Long> subjectId, Optional<Instant> from, Optional<Instant> to,
                         Optional<Set<Long>> categories) {

        public static Filter all() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Filter about(String subjectType, long subjectId) {
            return new Filter(Optional.empty(), Optional.empty(), Optional.of(subjectType), Optional.of(subjectId),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<Instant> AT = Columns.instant("at");
    private static final Field<Long> ACTOR_ID = Columns.id("actor_id");
    private static final Field<String> ACTION = Columns.text("action");
    private static final Field<String> SUBJECT_TYPE = Columns.text("subject_type");
    private static final Field<Long> SUBJECT_ID = Columns.id("subject_id");
    private static final Field<Long> CATEGORY_ID = Columns.id("category_id");
    private static final Field<String> REASON = Columns.text("reason");
    private static final Field<String> BEFORE = Columns.text("before_value");
    private static final Field<String> AFTER = Columns.text("after_value");

    private final PluginDatabase db;
    private final Clock clock;
    private final Table<Record> table;

    public AuditLog(PluginDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.table = DSL.table(DSL.name(db.table("audit")));
    }

    /**
     * Writes one entry in the action's transaction. {@code categoryId} 0: not about one category; {@code before} and
     * {@code after} may be null when the action has no value (a warning, say).
     */
    public void record(PluginTransaction tx, long actorId, String action, String subjectType, long subjectId,
                       long categoryId, String reason, String before, String after) {
        record(tx, clock.instant(), actorId, action, subjectType, subjectId, categoryId, reason, before, after);
    }

    /** {@link #record} for an action that happened at {@code at} (one the core journaled). */
    public void record(PluginTransaction tx, Instant at, long actorId, String action, String subjectType,
                       long subjectId, long categoryId, String reason, String before, String after) {
        tx.sql().insertInto(table, AT, ACTOR_ID, ACTION, SUBJECT_TYPE, SUBJECT_ID, CATEGORY_ID, REASON, BEFORE, AFTER)
                .values(at, actorId, action, subjectType, subjectId, categoryId == 0 ? null : categoryId,
                        reason == null ? "" : truncate(reason, 1000), before, after)
                .execute();
    }

    /** The newest entries matching {@code filter}, newest first: at most {@code limit}, skipping {@code offset}. */
    public List<Entry> list(Filter filter, int offset, int limit) {
        return db.read(sql -> sql.select(ID, AT, ACTOR_ID, ACTION, SUBJECT_TYPE, SUBJECT_ID, CATEGORY_ID, REASON, BEFORE,
                        AFTER)
                .from(table).where(where(filter)).orderBy(ID.desc()).offset(offset).limit(limit)
                .fetch(r -> new Entry(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7() == null ? 0 : r.value7(), r.value8(), r.value9(), r.value10())));
    }

    /**
     * Whether {@code actorId} has an entry about the subject within {@code window} of {@code at}: the action that
     * journaled an event at {@code at} was audited already (by the plugin, in its transaction, or by an earlier
     * delivery of the event).
     */
    public boolean audited(PluginTransaction tx, long actorId, String subjectType, long subjectId, Instant at,
                           java.time.Duration window) {
        return tx.sql().fetchExists(table, ACTOR_ID.eq(actorId), SUBJECT_TYPE.eq(subjectType),
                SUBJECT_ID.eq(subjectId), AT.between(at.minus(window), at.plus(window)));
    }

    /** How many entries match {@code filter}. */
    public int count(Filter filter) {
        return db.read(sql -> sql.fetchCount(table, where(filter)));
    }

    private static Condition where(Filter filter) {
        List<Condition> conditions = new ArrayList<>();
        filter.actorId().ifPresent(id -> conditions.add(ACTOR_ID.eq(id)));
        filter.action().ifPresent(action -> conditions.add(ACTION.eq(action)));
        filter.subjectType().ifPresent(type -> conditions.add(SUBJECT_TYPE.eq(type)));
        filter.subjectId().ifPresent(id -> conditions.add(SUBJECT_ID.eq(id)));
        filter.from().ifPresent(from -> conditions.add(AT.ge(from)));
        filter.to().ifPresent(to -> conditions.add(AT.lt(to)));
        filter.categories().ifPresent(ids -> conditions.add(CATEGORY_ID.in(ids)));
        return DSL.and(conditions);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
