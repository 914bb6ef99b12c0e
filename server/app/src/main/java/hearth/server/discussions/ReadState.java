package hearth.server.discussions;

import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.TopicReads.TOPIC_READS;

import hearth.server.db.Database;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each member has read each topic (the highest post number they had on screen), and from it the unread
 * counts and "new" markers of the topic lists and the jump to the first unread post.
 */
public final class ReadState {

    private static final Logger log = LoggerFactory.getLogger(ReadState.class);

    /** For the topics of a list: unread posts of the topics read before, and the topics never opened. */
    public record Marks(Map<Long, Integer> unread, Set<Long> unopened) {
    }

    private static final int MEMORY = 100_000;

    private final Database db;
    private final Clock clock;
    /** How far this node last recorded each member's reading ("member:topic"), so rereading costs no write. */
    private final Map<String, Integer> recorded = new java.util.concurrent.ConcurrentHashMap<>();

    public ReadState(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records that the member has seen the topic up to post {@code number} (off the event loop; returns at once). */
    public void seen(long memberId, long topicId, int number) {
        String key = memberId + ":" + topicId;
        Integer before = recorded.get(key);
        if (before != null && before >= number) {
            return;
        }
        if (recorded.size() > MEMORY) {
            recorded.clear();
        }
        recorded.put(key, number);
        db.write(tx -> {
            int updated = tx.sql().update(TOPIC_READS)
                    .set(TOPIC_READS.LAST_READ_NUMBER, DSL.greatest(TOPIC_READS.LAST_READ_NUMBER, DSL.val(number)))
                    .set(TOPIC_READS.UPDATED_AT, clock.instant())
                    .where(TOPIC_READS.MEMBER_ID.eq(memberId), TOPIC_READS.TOPIC_ID.eq(topicId))
                    .execute();
            if (updated == 0) {
                tx.sql().insertInto(TOPIC_READS, TOPIC_READS.MEMBER_ID, TOPIC_READS.TOPIC_ID,
                                TOPIC_READS.LAST_READ_NUMBER, TOPIC_READS.UPDATED_AT)
                        .select(DSL.select(DSL.val(memberId, TOPIC_READS.MEMBER_ID),
                                        DSL.val(topicId, TOPIC_READS.TOPIC_ID),
                                        DSL.val(number, TOPIC_READS.LAST_READ_NUMBER),
                                        DSL.val(clock.instant(), TOPIC_READS.UPDATED_AT))
                                .whereNotExists(DSL.selectOne().from(TOPIC_READS).where(
                                        TOPIC_READS.MEMBER_ID.eq(memberId), TOPIC_READS.TOPIC_ID.eq(topicId))))
                        .execute();
            }
            return null;
        }).onFailure(e -> log.debug("Read state not saved: {}", e.toString()));
    }

    /**
     * The marks of a list's rows for a member: unread counts of topics they read before, and as unopened ("new")
     * the topics they never opened that were active after they joined.
     */
    public Marks marks(DSLContext sql, long memberId, java.time.Instant joinedAt,
                       Collection<TopicLists.TopicRow> rows) {
        List<Long> topicIds = rows.stream().map(TopicLists.TopicRow::id).toList();
        Map<Long, Integer> read = new HashMap<>();
        sql.select(TOPIC_READS.TOPIC_ID, TOPIC_READS.LAST_READ_NUMBER).from(TOPIC_READS)
                .where(TOPIC_READS.MEMBER_ID.eq(memberId), TOPIC_READS.TOPIC_ID.in(topicIds)).fetch()
                .forEach(r -> read.put(r.value1(), r.value2()));
        Map<Long, Integer> unread = new HashMap<>();
        if (!read.isEmpty()) {
            var last = TOPIC_READS.as("r");
            sql.select(POSTS.TOPIC_ID, DSL.count()).from(POSTS)
                    .join(last).on(last.TOPIC_ID.eq(POSTS.TOPIC_ID), last.MEMBER_ID.eq(memberId))
                    .where(POSTS.TOPIC_ID.in(read.keySet()), POSTS.POST_NUMBER.gt(last.LAST_READ_NUMBER))
                    .groupBy(POSTS.TOPIC_ID).fetch()
                    .forEach(r -> unread.put(r.value1(), r.value2()));
        }
        Set<Long> unopened = new HashSet<>();
        rows.stream().filter(row -> !read.containsKey(row.id()) && row.lastPostedAt().isAfter(joinedAt))
                .forEach(row -> unopened.add(row.id()));
        return new Marks(unread, unopened);
    }

    /** The number of the first post the member has not seen (the first post of a topic they never opened). */
    public int firstUnread(DSLContext sql, long memberId, long topicId) {
        Integer last = sql.select(TOPIC_READS.LAST_READ_NUMBER).from(TOPIC_READS)
                .where(TOPIC_READS.MEMBER_ID.eq(memberId), TOPIC_READS.TOPIC_ID.eq(topicId))
                .fetchOptional(TOPIC_READS.LAST_READ_NUMBER).orElse(0);
        Integer next = sql.select(DSL.min(POSTS.POST_NUMBER)).from(POSTS)
                .where(POSTS.TOPIC_ID.eq(topicId), POSTS.POST_NUMBER.gt(last)).fetchSingle().value1();
        if (next != null) {
            return next;
        }
        Integer highest = sql.select(DSL.max(POSTS.POST_NUMBER)).from(POSTS).where(POSTS.TOPIC_ID.eq(topicId))
                .fetchSingle().value1();
        return highest == null ? 1 : highest;
    }
}
