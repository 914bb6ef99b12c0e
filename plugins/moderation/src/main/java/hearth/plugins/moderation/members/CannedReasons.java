package hearth.plugins.moderation.members;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.plugins.moderation.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The canned reasons admins keep for sanctions (table {@code moderation_reasons}): a title for the moderator's
 * drop-down and the text the member reads. Every change is audited with the text before and after.
 */
final class CannedReasons {

    /** One reason. Public because templates read its components by reflection. */
    public record Reason(long id, String title, String body) {
    }

    static final int MAX_TITLE = 80;
    static final int MAX_BODY = 1000;

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<String> TITLE = Columns.text("title");
    private static final Field<String> BODY = Columns.text("body");

    private final PluginDatabase db;
    private final AuditLog audit;
    private final Table<Record> table;

    CannedReasons(PluginDatabase db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
        this.table = DSL.table(DSL.name(db.table("reasons")));
    }

    /** Every reason, by title. */
    List<Reason> all() {
        return db.read(sql -> sql.select(ID, TITLE, BODY).from(table).orderBy(TITLE, ID)
                .fetch(r -> new Reason(r.value1(), r.value2(), r.value3())));
    }

    /** The text of one reason, or empty when there is no such reason (deleted since the form was shown). */
    Optional<String> text(long id) {
        return db.read(sql -> sql.select(BODY).from(table).where(ID.eq(id)).fetchOptional(BODY));
    }

    void add(long actorId, String title, String body) {
        Reason reason = valid(0, title, body);
        db.transaction(tx -> {
            long id = tx.sql().insertInto(table, TITLE, BODY).values(reason.title(), reason.body())
                    .returningResult(ID).fetchOne(ID);
            audit.record(tx, actorId, "reason.add", "reason", id, 0, reason.title(), null, describe(reason));
            return null;
        });
    }

    void edit(long actorId, long id, String title, String body) {
        Reason reason = valid(id, title, body);
        db.transaction(tx -> {
            Reason before = find(tx.sql(), id);
            tx.sql().update(table).set(TITLE, reason.title()).set(BODY, reason.body()).where(ID.eq(id)).execute();
            audit.record(tx, actorId, "reason.edit", "reason", id, 0, reason.title(), describe(before),
                    describe(reason));
            return null;
        });
    }

    void delete(long actorId, long id) {
        db.transaction(tx -> {
            Reason before = find(tx.sql(), id);
            tx.sql().deleteFrom(table).where(ID.eq(id)).execute();
            audit.record(tx, actorId, "reason.delete", "reason", id, 0, before.title(), describe(before), null);
            return null;
        });
    }

    private Reason find(DSLContext sql, long id) {
        return sql.select(ID, TITLE, BODY).from(table).where(ID.eq(id)).forUpdate()
                .fetchOptional(r -> new Reason(r.value1(), r.value2(), r.value3()))
                .orElseThrow(() -> new NotFound("There is no such reason: it may have been deleted."));
    }

    private static Reason valid(long id, String title, String body) {
        String t = title == null ? "" : title.strip();
        String b = body == null ? "" : body.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (t.isEmpty()) {
            errors.put("title", "Give the reason a short title.");
        } else if (t.length() > MAX_TITLE) {
            errors.put("title", "Keep the title under " + MAX_TITLE + " characters.");
        }
        if (b.isEmpty()) {
            errors.put("body", "Write the text the member will read.");
        } else if (b.length() > MAX_BODY) {
            errors.put("body", "Keep the text under 1,000 characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Reason(id, t, b);
    }

    private static String describe(Reason reason) {
        return reason.title() + ": " + reason.body();
    }
}
