package hearth.plugins.moderation.review;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The flags, queue items and notes tables ({@code V002__flags_and_queue.sql}). Plain reads and writes on a given
 * {@link DSLContext}, so callers put them in the transaction of the action they belong to.
 */
final class ReviewStore {

    /** Kinds of queue items. */
    static final String POST = "post";
    static final String HELD = "held";
    static final String MEMBER = "member";
    static final String SIGNUP = "signup";
    static final List<String> KINDS = List.of(POST, HELD, MEMBER, SIGNUP);

    /** States of queue items; the first two are "waiting". */
    static final String OPEN = "open";
    static final String IN_PROGRESS = "in-progress";
    static final String RESOLVED = "resolved";
    static final String REJECTED = "rejected";
    static final List<String> STATES = List.of(OPEN, IN_PROGRESS, RESOLVED, REJECTED);
    static final Set<String> WAITING = Set.of(OPEN, IN_PROGRESS);

    /** States of flags. */
    static final String AGREED = "agreed";
    static final String DISAGREED = "disagreed";

    /** One flag. {@code categoryId} is 0 for a flagged member. */
    record Flag(long id, String itemKind, long itemId, long memberId, long categoryId, long flaggerId, String reason,
                String details, double trust, double accuracy, double weight, String state, Instant createdAt) {
    }

    /** One queue item. {@code categoryId} and {@code assigneeId} are 0 when there is none. */
    record Item(long id, String kind, long subjectId, long memberId, long categoryId, String state, long assigneeId,
                String reason, String explanation, Instant createdAt, Instant updatedAt) {

        boolean waiting() {
            return WAITING.contains(state);
        }
    }

    /** One moderator's note on an item. */
    record Note(long id, long authorId, Instant at, String text) {
    }

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<String> ITEM_KIND = Columns.text("item_kind");
    private static final Field<Long> ITEM_ID = Columns.id("item_id");
    private static final Field<Long> MEMBER_ID = Columns.id("member_id");
    private static final Field<Long> CATEGORY_ID = Columns.id("category_id");
    private static final Field<Long> FLAGGER_ID = Columns.id("flagger_id");
    private static final Field<String> REASON = Columns.text("reason");
    private static final Field<String> DETAILS = Columns.text("details");
    private static final Field<Double> TRUST = DSL.field(DSL.name("trust"), SQLDataType.DOUBLE);
    private static final Field<Double> ACCURACY = DSL.field(DSL.name("accuracy"), SQLDataType.DOUBLE);
    private static final Field<Double> WEIGHT = DSL.field(DSL.name("weight"), SQLDataType.DOUBLE);
    private static final Field<String> STATE = Columns.text("state");
    private static final Field<Integer> OPEN_MARKER = Columns.number("open_marker");
    private static final Field<Instant> CREATED_AT = Columns.instant("created_at");
    private static final Field<Instant> RESOLVED_AT = Columns.instant("resolved_at");
    private static final Field<Long> RESOLVED_BY = Columns.id("resolved_by");

    private static final Field<String> KIND = Columns.text("kind");
    private static final Field<Long> SUBJECT_ID = Columns.id("subject_id");
    private static final Field<Long> ASSIGNEE_ID = Columns.id("assignee_id");
    private static final Field<String> EXPLANATION = Columns.text("explanation");
    private static final Field<Instant> UPDATED_AT = Columns.instant("updated_at");

    private static final Field<Long> NOTE_ITEM_ID = Columns.id("item_id");
    private static final Field<Long> AUTHOR_ID = Columns.id("author_id");
    private static final Field<Instant> AT = Columns.instant("at");
    private static final Field<String> TEXT = Columns.text("text");

    private final Table<Record> flags;
    private final Table<Record> queue;
    private final Table<Record> notes;

    ReviewStore(PluginDatabase db) {
        this.flags = DSL.table(DSL.name(db.table("flags")));
        this.queue = DSL.table(DSL.name(db.table("queue")));
        this.notes = DSL.table(DSL.name(db.table("queue_notes")));
    }

    // ---- flags

    long insertFlag(DSLContext sql, Flag flag) {
        return sql.insertInto(flags, ITEM_KIND, ITEM_ID, MEMBER_ID, CATEGORY_ID, FLAGGER_ID, REASON, DETAILS, TRUST,
                        ACCURACY, WEIGHT, STATE, OPEN_MARKER, CREATED_AT)
                .values(flag.itemKind(), flag.itemId(), flag.memberId(),
                        flag.categoryId() == 0 ? null : flag.categoryId(), flag.flaggerId(), flag.reason(),
                        flag.details(), flag.trust(), flag.accuracy(), flag.weight(), OPEN, 1, flag.createdAt())
                .returningResult(ID).fetchOne().value1();
    }

    boolean hasOpenFlag(DSLContext sql, long flaggerId, String itemKind, long itemId) {
        return sql.fetchExists(flags, FLAGGER_ID.eq(flaggerId), ITEM_KIND.eq(itemKind), ITEM_ID.eq(itemId),
                OPEN_MARKER.eq(1));
    }

    int flagsSince(DSLContext sql, long flaggerId, Instant since) {
        return sql.fetchCount(flags, FLAGGER_ID.eq(flaggerId), CREATED_AT.ge(since));
    }

    /** How many of the flagger's flags the moderators agreed and disagreed with: {agreed, disagreed}. */
    int[] flagHistory(DSLContext sql, long flaggerId) {
        int[] history = new int[2];
        sql.select(STATE, DSL.count()).from(flags).where(FLAGGER_ID.eq(flaggerId), STATE.in(AGREED, DISAGREED))
                .groupBy(STATE).fetch()
                .forEach(r -> history[AGREED.equals(r.value1()) ? 0 : 1] = r.value2());
        return history;
    }

    /** The item's open flags, oldest first. */
    List<Flag> openFlags(DSLContext sql, String itemKind, long itemId) {
        return selectFlags(sql, DSL.and(ITEM_KIND.eq(itemKind), ITEM_ID.eq(itemId), OPEN_MARKER.eq(1)), 500);
    }

    /** Every flag on the item, oldest first. */
    List<Flag> flagsOn(DSLContext sql, String itemKind, long itemId) {
        return selectFlags(sql, DSL.and(ITEM_KIND.eq(itemKind), ITEM_ID.eq(itemId)), 500);
    }

    /** Flags about a member (their posts or themselves), newest first. */
    List<Flag> flagsAgainst(DSLContext sql, long memberId, int limit) {
        return sql.select(flagFields()).from(flags).where(MEMBER_ID.eq(memberId)).orderBy(ID.desc()).limit(limit)
                .fetch(ReviewStore::flag);
    }

    /** Flags a member raised, newest first. */
    List<Flag> flagsBy(DSLContext sql, long flaggerId, int limit) {
        return sql.select(flagFields()).from(flags).where(FLAGGER_ID.eq(flaggerId)).orderBy(ID.desc()).limit(limit)
                .fetch(ReviewStore::flag);
    }

    /** The ids of the items each member has an open flag on, as "kind:id" keys by member. */
    Map<Long, Set<String>> openFlagKeys(DSLContext sql) {
        Map<Long, Set<String>> keys = new HashMap<>();
        sql.select(FLAGGER_ID, ITEM_KIND, ITEM_ID).from(flags).where(OPEN_MARKER.eq(1)).fetch()
                .forEach(r -> keys.computeIfAbsent(r.value1(), k -> new java.util.HashSet<>())
                        .add(r.value2() + ":" + r.value3()));
        return keys;
    }

    void settleFlag(DSLContext sql, long flagId, String outcome, long byMemberId, Instant now) {
        sql.update(flags).set(STATE, outcome).set(OPEN_MARKER, (Integer) null).set(RESOLVED_AT, now)
                .set(RESOLVED_BY, byMemberId).where(ID.eq(flagId)).execute();
    }

    private List<Flag> selectFlags(DSLContext sql, Condition where, int limit) {
        return sql.select(flagFields()).from(flags).where(where).orderBy(ID).limit(limit).fetch(ReviewStore::flag);
    }

    private static List<Field<?>> flagFields() {
        return List.of(ID, ITEM_KIND, ITEM_ID, MEMBER_ID, CATEGORY_ID, FLAGGER_ID, REASON, DETAILS, TRUST, ACCURACY,
                WEIGHT, STATE, CREATED_AT);
    }

    private static Flag flag(Record r) {
        Long category = r.get(CATEGORY_ID);
        return new Flag(r.get(ID), r.get(ITEM_KIND), r.get(ITEM_ID), r.get(MEMBER_ID), category == null ? 0 : category,
                r.get(FLAGGER_ID), r.get(REASON), r.get(DETAILS), r.get(TRUST), r.get(ACCURACY), r.get(WEIGHT),
                r.get(STATE), r.get(CREATED_AT));
    }

    // ---- queue items

    /**
     * The waiting item of this kind and subject, created if there is none. Insert-if-absent keyed by the open marker,
     * so a listener that gets the same event twice adds one item.
     */
    Item openItem(DSLContext sql, String kind, long subjectId, long memberId, long categoryId, String reason,
                  Instant now) {
        sql.insertInto(queue, KIND, SUBJECT_ID, MEMBER_ID, CATEGORY_ID, STATE, REASON, OPEN_MARKER, CREATED_AT,
                        UPDATED_AT)
                .select(DSL.select(DSL.val(kind, KIND), DSL.val(subjectId, SUBJECT_ID), DSL.val(memberId, MEMBER_ID),
                                DSL.val(categoryId == 0 ? null : categoryId, CATEGORY_ID), DSL.val(OPEN, STATE),
                                DSL.val(truncate(reason, 1000), REASON), DSL.val(1, OPEN_MARKER),
                                DSL.val(now, CREATED_AT), DSL.val(now, UPDATED_AT))
                        .whereNotExists(DSL.selectOne().from(queue)
                                .where(KIND.eq(kind), SUBJECT_ID.eq(subjectId), OPEN_MARKER.eq(1))))
                .execute();
        return waitingItem(sql, kind, subjectId).orElseThrow();
    }

    Optional<Item> waitingItem(DSLContext sql, String kind, long subjectId) {
        return sql.select(itemFields()).from(queue).where(KIND.eq(kind), SUBJECT_ID.eq(subjectId), OPEN_MARKER.eq(1))
                .fetchOptional(ReviewStore::item);
    }

    /** Whether there was ever an item of this kind and subject, settled or not. */
    boolean everQueued(DSLContext sql, String kind, long subjectId) {
        return sql.fetchExists(queue, KIND.eq(kind), SUBJECT_ID.eq(subjectId));
    }

    Optional<Item> item(DSLContext sql, long id) {
        return sql.select(itemFields()).from(queue).where(ID.eq(id)).fetchOptional(ReviewStore::item);
    }

    /** Locks the item's row for the rest of the transaction, so two moderators do not settle it twice. */
    Optional<Item> itemForUpdate(DSLContext sql, long id) {
        return sql.select(itemFields()).from(queue).where(ID.eq(id)).forUpdate().fetchOptional(ReviewStore::item);
    }

    void explain(DSLContext sql, long itemId, String reason, String explanation, Instant now) {
        sql.update(queue).set(REASON, truncate(reason, 1000)).set(EXPLANATION, explanation).set(UPDATED_AT, now)
                .where(ID.eq(itemId)).execute();
    }

    void take(DSLContext sql, long itemId, long moderatorId, Instant now) {
        sql.update(queue).set(STATE, IN_PROGRESS).set(ASSIGNEE_ID, moderatorId).set(UPDATED_AT, now)
                .where(ID.eq(itemId)).execute();
    }

    void close(DSLContext sql, long itemId, String state, long byMemberId, Instant now) {
        sql.update(queue).set(STATE, state).set(OPEN_MARKER, (Integer) null).set(RESOLVED_BY, byMemberId)
                .set(UPDATED_AT, now).where(ID.eq(itemId)).execute();
    }

    /**
     * Items oldest first. {@code categories} empty: every item; else only items in those categories (members and
     * sign-ups have none, so they are for site staff only).
     */
    List<Item> list(DSLContext sql, Optional<Set<Long>> categories, Set<String> states, Optional<String> kind,
                    int limit) {
        List<Condition> where = new ArrayList<>();
        where.add(STATE.in(states));
        kind.ifPresent(k -> where.add(KIND.eq(k)));
        categories.ifPresent(ids -> where.add(CATEGORY_ID.in(ids)));
        return sql.select(itemFields()).from(queue).where(where).orderBy(CREATED_AT, ID).limit(limit)
                .fetch(ReviewStore::item);
    }

    /** Waiting items per category (0: no category). */
    Map<Long, Integer> waitingCounts(DSLContext sql) {
        Map<Long, Integer> counts = new HashMap<>();
        sql.select(CATEGORY_ID, DSL.count()).from(queue).where(OPEN_MARKER.eq(1)).groupBy(CATEGORY_ID).fetch()
                .forEach(r -> counts.put(r.value1() == null ? 0L : r.value1(), r.value2()));
        return counts;
    }

    /** Subjects of waiting items of one kind. */
    Set<Long> waitingSubjects(DSLContext sql, String kind) {
        return Set.copyOf(sql.select(SUBJECT_ID).from(queue).where(KIND.eq(kind), OPEN_MARKER.eq(1))
                .fetch(r -> r.value1()));
    }

    private static List<Field<?>> itemFields() {
        return List.of(ID, KIND, SUBJECT_ID, MEMBER_ID, CATEGORY_ID, STATE, ASSIGNEE_ID, REASON, EXPLANATION,
                CREATED_AT, UPDATED_AT);
    }

    private static Item item(Record r) {
        Long category = r.get(CATEGORY_ID);
        Long assignee = r.get(ASSIGNEE_ID);
        return new Item(r.get(ID), r.get(KIND), r.get(SUBJECT_ID), r.get(MEMBER_ID), category == null ? 0 : category,
                r.get(STATE), assignee == null ? 0 : assignee, r.get(REASON), r.get(EXPLANATION), r.get(CREATED_AT),
                r.get(UPDATED_AT));
    }

    // ---- notes

    void addNote(DSLContext sql, long itemId, long authorId, String text, Instant now) {
        sql.insertInto(notes, NOTE_ITEM_ID, AUTHOR_ID, AT, TEXT).values(itemId, authorId, now, text).execute();
    }

    List<Note> notes(DSLContext sql, long itemId) {
        return sql.select(ID, AUTHOR_ID, AT, TEXT).from(notes).where(NOTE_ITEM_ID.eq(itemId)).orderBy(ID)
                .fetch(r -> new Note(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
