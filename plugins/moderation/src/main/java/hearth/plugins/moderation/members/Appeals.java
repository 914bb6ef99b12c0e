package hearth.plugins.moderation.members;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.data.PluginTransaction;
import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.api.views.Members;
import hearth.plugins.moderation.AuditLog;
import hearth.plugins.moderation.TimelineItem;
import hearth.plugins.moderation.TimelineSource;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record7;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Appeals against sanctions (table {@code moderation_appeals}), sent from the public form by members who may not be
 * able to log in, and answered by moderators: upheld (the sanction stays) or lifted. Answers are audited.
 */
public final class Appeals implements TimelineSource {

    /** One appeal. Public because templates read its components by reflection. */
    public record Appeal(long id, Long memberId, String identifier, String message, Instant createdAt, String state,
                         String resolution) {
    }

    static final int MAX_MESSAGE = 2000;
    static final int MAX_IDENTIFIER = 254;

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<Long> MEMBER_ID = Columns.id("member_id");
    private static final Field<String> IDENTIFIER = Columns.text("identifier");
    private static final Field<String> MESSAGE = Columns.text("message");
    private static final Field<Instant> CREATED_AT = Columns.instant("created_at");
    private static final Field<String> STATE = Columns.text("state");
    private static final Field<Long> RESOLVED_BY = Columns.id("resolved_by");
    private static final Field<Instant> RESOLVED_AT = Columns.instant("resolved_at");
    private static final Field<String> RESOLUTION = Columns.text("resolution");

    private final PluginDatabase db;
    private final AuditLog audit;
    private final Members members;
    private final Clock clock;
    private final Table<Record> table;

    Appeals(PluginDatabase db, AuditLog audit, Members members, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.members = members;
        this.clock = clock;
        this.table = DSL.table(DSL.name(db.table("appeals")));
    }

    /** Checks the public form's fields; returns the identifier and message, trimmed. */
    static Map<String, String> valid(String identifier, String message) {
        String who = identifier == null ? "" : identifier.strip();
        String text = message == null ? "" : message.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (who.isEmpty()) {
            errors.put("identifier", "Enter your username or the email address of your account.");
        } else if (who.length() > MAX_IDENTIFIER) {
            errors.put("identifier", "That is too long for a username or an email address.");
        }
        if (text.isEmpty()) {
            errors.put("message", "Tell the moderators why the sanction should be lifted.");
        } else if (text.length() > MAX_MESSAGE) {
            errors.put("message", "Keep your appeal under 2,000 characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return Map.of("identifier", who, "message", text);
    }

    /**
     * Stores an appeal. A username is matched to its member; an email address is kept as written, because plugins
     * cannot look members up by address, and moderators find the member themselves.
     */
    void submit(String identifier, String message) {
        Optional<Long> memberId = identifier.contains("@") ? Optional.empty()
                : members.byUsername(identifier).map(MemberView::id);
        db.write(sql -> sql.insertInto(table, MEMBER_ID, IDENTIFIER, MESSAGE, CREATED_AT, STATE)
                .values(memberId.orElse(null), identifier, message, clock.instant(), "open").execute());
    }

    /** How many appeals wait for an answer: for the review queue's counters. */
    public int countOpen() {
        return db.read(sql -> sql.fetchCount(table, STATE.eq("open")));
    }

    /** The oldest open appeals first, at most {@code limit}. */
    List<Appeal> open(int limit) {
        return db.read(sql -> sql.select(ID, MEMBER_ID, IDENTIFIER, MESSAGE, CREATED_AT, STATE, RESOLUTION)
                .from(table).where(STATE.eq("open")).orderBy(CREATED_AT, ID).limit(limit).fetch(Appeals::appeal));
    }

    /**
     * Answers an open appeal in the caller's transaction: {@code upheld} or {@code lifted}, with the moderator's
     * note. Returns it as it was; throws {@link Conflict} if another moderator answered it first.
     */
    Appeal answer(PluginTransaction tx, long id, String state, String note, long byMemberId) {
        String why = note == null ? "" : note.strip();
        if (why.length() > 1000) {
            throw new InvalidInput("note", "Keep the note under 1,000 characters.");
        }
        Appeal appeal = tx.sql().select(ID, MEMBER_ID, IDENTIFIER, MESSAGE, CREATED_AT, STATE, RESOLUTION)
                .from(table).where(ID.eq(id)).forUpdate().fetchOptional(Appeals::appeal)
                .orElseThrow(() -> new NotFound("There is no such appeal."));
        if (!appeal.state().equals("open")) {
            throw new Conflict("This appeal was answered already (" + appeal.state() + ").");
        }
        tx.sql().update(table).set(STATE, state).set(RESOLVED_BY, byMemberId).set(RESOLVED_AT, clock.instant())
                .set(RESOLUTION, why).where(ID.eq(id)).execute();
        audit.record(tx, byMemberId, state.equals("upheld") ? "appeal.uphold" : "appeal.lift", "appeal", id, 0, why,
                "open", state);
        return appeal;
    }

    @Override
    public List<TimelineItem> about(long memberId, int limit) {
        return db.read(sql -> sql.select(ID, MEMBER_ID, IDENTIFIER, MESSAGE, CREATED_AT, STATE, RESOLUTION)
                        .from(table).where(MEMBER_ID.eq(memberId)).orderBy(CREATED_AT.desc(), ID.desc()).limit(limit)
                        .fetch(Appeals::appeal))
                .stream()
                .map(a -> new TimelineItem(a.createdAt(), "appeal", "Appeal (" + a.state() + "): " + a.message()
                        + (a.resolution() == null || a.resolution().isEmpty() ? "" : " — " + a.resolution()),
                        "/x/moderation/appeals"))
                .toList();
    }

    private static Appeal appeal(Record7<Long, Long, String, String, Instant, String, String> r) {
        return new Appeal(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7());
    }
}
