package hearth.plugins.moderation.members;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.data.PluginTransaction;
import hearth.api.errors.InvalidInput;
import hearth.api.views.MemberView;
import hearth.api.views.Members;
import hearth.plugins.moderation.AuditLog;
import hearth.plugins.moderation.TimelineItem;
import hearth.plugins.moderation.TimelineSource;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Moderators' notes on a member (table {@code moderation_notes}). Only staff read them; the member never does. Notes
 * are append-only, so the record of what moderators knew and when stays true; each one is audited as {@code note}.
 */
final class Notes implements TimelineSource {

    static final int MAX_LENGTH = 2000;

    private static final Field<Long> MEMBER_ID = Columns.id("member_id");
    private static final Field<Long> AUTHOR_ID = Columns.id("author_id");
    private static final Field<String> BODY = Columns.text("body");
    private static final Field<Instant> CREATED_AT = Columns.instant("created_at");
    private static final Field<Long> ID = Columns.id("id");

    private final PluginDatabase db;
    private final AuditLog audit;
    private final Members members;
    private final Clock clock;
    private final Table<Record> table;

    Notes(PluginDatabase db, AuditLog audit, Members members, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.members = members;
        this.clock = clock;
        this.table = DSL.table(DSL.name(db.table("notes")));
    }

    /** Adds a note in the caller's transaction, with its audit entry. */
    void add(PluginTransaction tx, long memberId, String text, long authorId) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new InvalidInput("note", "Write the note first.");
        }
        if (body.length() > MAX_LENGTH) {
            throw new InvalidInput("note", "Keep the note under 2,000 characters.");
        }
        tx.sql().insertInto(table, MEMBER_ID, AUTHOR_ID, BODY, CREATED_AT)
                .values(memberId, authorId, body, clock.instant()).execute();
        audit.record(tx, authorId, "note", "member", memberId, 0, body, null, null);
    }

    @Override
    public List<TimelineItem> about(long memberId, int limit) {
        Map<Long, String> names = new HashMap<>();
        return db.read(sql -> sql.select(AUTHOR_ID, BODY, CREATED_AT).from(table).where(MEMBER_ID.eq(memberId))
                        .orderBy(CREATED_AT.desc(), ID.desc()).limit(limit).fetch())
                .map(r -> new TimelineItem(r.value3(), "note",
                        "Note by " + names.computeIfAbsent(r.value1(), this::name) + ": " + r.value2(), null));
    }

    private String name(long memberId) {
        return members.byId(memberId).map(MemberView::username).orElse("a former member");
    }
}
