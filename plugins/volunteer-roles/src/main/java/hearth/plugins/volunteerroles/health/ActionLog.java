package hearth.plugins.volunteerroles.health;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** What volunteers did, one row per journal entry: reviews, replies and events hosted. */
public final class ActionLog {

    public static final String REVIEW = "review";
    public static final String REPLY = "reply";
    public static final String EVENT = "event";

    /**
     * One action: {@code subject} is what it was about (e.g. {@code post:12}), {@code waitedSeconds} how long a flag
     * had waited for this review, or -1 when not known.
     */
    public record Action(long memberId, String kind, String subject, Instant at, long waitedSeconds) {
    }

    private static final Field<Long> POSITION = Columns.id("position");
    private static final Field<Long> MEMBER_ID = Columns.id("member_id");
    private static final Field<String> KIND = Columns.text("kind");
    private static final Field<String> SUBJECT = Columns.text("subject");
    private static final Field<Instant> AT = Columns.instant("at");
    private static final Field<Long> WAITED = Columns.id("waited_seconds");

    private final PluginDatabase db;
    private final Table<Record> table;

    public ActionLog(PluginDatabase db) {
        this.db = db;
        this.table = DSL.table(DSL.name(db.table("actions")));
    }

    /** Records the action of one journal entry, once however often the entry comes. */
    public void add(long position, Action action) {
        db.write(sql -> sql.insertInto(table, POSITION, MEMBER_ID, KIND, SUBJECT, AT, WAITED)
                .select(DSL.select(DSL.val(position, POSITION), DSL.val(action.memberId(), MEMBER_ID),
                                DSL.val(action.kind(), KIND), DSL.val(action.subject(), SUBJECT),
                                DSL.val(action.at(), AT),
                                DSL.val(action.waitedSeconds() < 0 ? null : action.waitedSeconds(), WAITED))
                        .whereNotExists(DSL.selectOne().from(table).where(POSITION.eq(position))))
                .execute());
    }

    /** Every action since {@code since}. */
    public List<Action> since(Instant since) {
        return db.read(sql -> sql.select(MEMBER_ID, KIND, SUBJECT, AT, WAITED).from(table).where(AT.ge(since))
                .orderBy(AT).fetch(r -> new Action(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5() == null ? -1 : r.value5())));
    }

    /** Each member's latest action at any time (for "went quiet"). */
    public Map<Long, Instant> lastActions() {
        return db.read(sql -> sql.select(MEMBER_ID, DSL.max(AT)).from(table).groupBy(MEMBER_ID)
                .fetchMap(r -> r.value1(), r -> r.value2()));
    }
}
