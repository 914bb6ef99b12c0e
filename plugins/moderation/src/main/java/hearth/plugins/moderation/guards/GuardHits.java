package hearth.plugins.moderation.guards;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.data.PluginTransaction;
import java.time.Instant;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Posts a watched word with the action "flag" matched: published, but listed for the moderators' review queue. Kept
 * in {@code moderation_guard_hits}, one row per post and reason, written by the guards' listener (guards can do no
 * I/O). The review queue reads {@link #open} and marks a hit handled with {@link #resolve}.
 */
public final class GuardHits {

    /** One post the guards flagged; {@code reason} is for moderators, e.g. "Watched word: spam". */
    public record Hit(long id, long postId, long topicId, long authorId, String reason, Instant at) {
    }

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<Long> POST_ID = Columns.id("post_id");
    private static final Field<Long> TOPIC_ID = Columns.id("topic_id");
    private static final Field<Long> AUTHOR_ID = Columns.id("author_id");
    private static final Field<String> REASON = Columns.text("reason");
    private static final Field<Instant> AT = Columns.instant("at");
    private static final Field<Instant> RESOLVED_AT = Columns.instant("resolved_at");
    private static final Field<Long> RESOLVED_BY = Columns.id("resolved_by");

    private final PluginDatabase db;
    private final Table<Record> table;

    public GuardHits(PluginDatabase db) {
        this.db = db;
        this.table = DSL.table(DSL.name(db.table("guard_hits")));
    }

    /** Records a hit unless this post already has one for this reason (listeners deliver at least once). */
    public void add(PluginTransaction tx, long postId, long topicId, long authorId, String reason, Instant at) {
        String shortReason = reason.length() <= 200 ? reason : reason.substring(0, 200);
        tx.sql().insertInto(table, POST_ID, TOPIC_ID, AUTHOR_ID, REASON, AT)
                .select(DSL.select(DSL.val(postId, POST_ID), DSL.val(topicId, TOPIC_ID), DSL.val(authorId, AUTHOR_ID),
                                DSL.val(shortReason, REASON), DSL.val(at, AT))
                        .whereNotExists(DSL.selectOne().from(table)
                                .where(POST_ID.eq(postId), REASON.eq(shortReason))))
                .execute();
    }

    /** The hits nobody has handled yet, oldest first: at most {@code limit}. */
    public List<Hit> open(int limit) {
        return db.read(sql -> sql.select(ID, POST_ID, TOPIC_ID, AUTHOR_ID, REASON, AT).from(table)
                .where(RESOLVED_AT.isNull()).orderBy(ID).limit(limit)
                .fetch(r -> new Hit(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
    }

    /** The open hits on one post (for the review queue's item). */
    public List<Hit> openOn(long postId) {
        return db.read(sql -> sql.select(ID, POST_ID, TOPIC_ID, AUTHOR_ID, REASON, AT).from(table)
                .where(POST_ID.eq(postId), RESOLVED_AT.isNull()).orderBy(ID)
                .fetch(r -> new Hit(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
    }

    /** Marks every open hit on a post handled, in the moderator's transaction (with their audit entry). */
    public void resolve(PluginTransaction tx, long postId, long byMemberId, Instant at) {
        tx.sql().update(table).set(RESOLVED_AT, at).set(RESOLVED_BY, byMemberId)
                .where(POST_ID.eq(postId), RESOLVED_AT.isNull()).execute();
    }
}
