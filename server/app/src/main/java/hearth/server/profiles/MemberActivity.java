package hearth.server.profiles;

import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * What a member has done: counts and latest posts. Likes do not exist yet, so likes received are always 0 here; the
 * discussions issue (reactions) fills them in, here and in {@link MemberDirectory}'s "likes" sort.
 */
public final class MemberActivity {

    public static final int RECENT = 10;

    /** Topics started, replies written (posts after a topic's first), likes received (0 until reactions exist). */
    public record Counts(int topics, int replies, int likesReceived) {
    }

    /** One of a member's posts, with its topic. */
    public record RecentPost(long postId, long topicId, String topicSlug, String topicTitle, int postNumber,
                             Instant createdAt) {

        public String url() {
            return "/t/" + topicSlug + "/" + topicId;
        }

        public boolean startedTopic() {
            return postNumber == 1;
        }
    }

    public Counts counts(DSLContext sql, long memberId) {
        // Private conversations and unpublished topics (no category) are nobody else's business.
        int topics = sql.fetchCount(TOPICS, TOPICS.AUTHOR_ID.eq(memberId), TOPICS.CATEGORY_ID.isNotNull());
        // All of the member's replies (index only, posts_by_author_number), less the few in conversations: joined
        // the other way round, the database reads every post of every topic for a busy member (minutes at 1M posts).
        int everywhere = sql.fetchCount(POSTS, POSTS.AUTHOR_ID.eq(memberId), POSTS.POST_NUMBER.gt(1));
        int unlisted = sql.fetchCount(sql.select(POSTS.ID).from(TOPICS).join(POSTS).on(POSTS.TOPIC_ID.eq(TOPICS.ID))
                .where(TOPICS.CATEGORY_ID.isNull(), POSTS.AUTHOR_ID.eq(memberId), POSTS.POST_NUMBER.gt(1)));
        int replies = everywhere - unlisted;
        return new Counts(topics, replies, 0);
    }

    /** The member's latest posts, newest first. */
    public List<RecentPost> recent(DSLContext sql, long memberId) {
        return sql.select(POSTS.ID, TOPICS.ID, TOPICS.SLUG, TOPICS.TITLE, POSTS.POST_NUMBER, POSTS.CREATED_AT)
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .where(POSTS.AUTHOR_ID.eq(memberId), POSTS.DELETED_AT.isNull(), POSTS.HIDDEN_AT.isNull(),
                        TOPICS.DELETED_AT.isNull(), TOPICS.HIDDEN_AT.isNull(),
                        TOPICS.CATEGORY_ID.isNotNull())
                .orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc())
                .limit(RECENT)
                .fetch(r -> new RecentPost(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }
}
