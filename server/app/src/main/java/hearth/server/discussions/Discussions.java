package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.events.CategoryChanged;
import hearth.api.events.PostCreated;
import hearth.api.events.TopicCreated;
import hearth.server.db.Tx;
import hearth.server.mentions.Mentions;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jooq.impl.DSL;

/** Categories, topics and posts: the writes. Each method runs inside the caller's transaction and records its events. */
public final class Discussions {

    private final Clock clock;
    private final Markdown markdown;

    public Discussions(Clock clock, Markdown markdown) {
        this.clock = clock;
        this.markdown = markdown;
    }

    public long createCategory(Tx tx, String name, String description, String color, int position) {
        long id = tx.sql().insertInto(CATEGORIES)
                .set(CATEGORIES.SLUG, slug(name))
                .set(CATEGORIES.NAME, name)
                .set(CATEGORIES.DESCRIPTION, description)
                .set(CATEGORIES.COLOR, color)
                .set(CATEGORIES.POSITION, position)
                .set(CATEGORIES.CREATED_AT, clock.instant())
                .returning(CATEGORIES.ID)
                .fetchSingle(CATEGORIES.ID);
        tx.record(new CategoryChanged(id, name, true));
        return id;
    }

    /** Starts a topic with its opening post; returns the topic id. */
    public long startTopic(Tx tx, long authorId, long categoryId, String title, String body) {
        Instant now = clock.instant();
        long topicId = tx.sql().insertInto(TOPICS)
                .set(TOPICS.CATEGORY_ID, categoryId)
                .set(TOPICS.AUTHOR_ID, authorId)
                .set(TOPICS.TITLE, title)
                .set(TOPICS.SLUG, slug(title))
                .set(TOPICS.REPLY_COUNT, 0)
                .set(TOPICS.CREATED_AT, now)
                .set(TOPICS.LAST_POSTED_AT, now)
                .returning(TOPICS.ID)
                .fetchSingle(TOPICS.ID);
        tx.record(new TopicCreated(topicId, categoryId, authorId, title));
        addPost(tx, topicId, authorId, 1, body, now, null);
        return topicId;
    }

    /** Adds a reply at the end of a topic; returns the post id. */
    public long reply(Tx tx, long authorId, long topicId, String body) {
        return reply(tx, authorId, topicId, body, null);
    }

    /** Adds a reply at the end of a topic answering {@code replyTo} (null, or a post of the topic: the caller checks). */
    public long reply(Tx tx, long authorId, long topicId, String body, Long replyTo) {
        Instant now = clock.instant();
        // Locking the topic row numbers concurrent replies one after another.
        int replies = tx.sql().select(TOPICS.REPLY_COUNT).from(TOPICS).where(TOPICS.ID.eq(topicId)).forUpdate()
                .fetchSingle(TOPICS.REPLY_COUNT);
        // Numbers follow the highest one, not the count: removed posts (a deleted account's) leave gaps, and a
        // number is never given out twice.
        Integer last = tx.sql().select(DSL.max(POSTS.POST_NUMBER)).from(POSTS).where(POSTS.TOPIC_ID.eq(topicId))
                .fetchSingle().value1();
        tx.sql().update(TOPICS)
                .set(TOPICS.REPLY_COUNT, replies + 1)
                .set(TOPICS.LAST_POSTED_AT, now)
                .where(TOPICS.ID.eq(topicId))
                .execute();
        return addPost(tx, topicId, authorId, last == null ? 1 : last + 1, body, now, replyTo);
    }

    private long addPost(Tx tx, long topicId, long authorId, int number, String body, Instant now, Long replyTo) {
        long postId = tx.sql().insertInto(POSTS)
                .set(POSTS.TOPIC_ID, topicId)
                .set(POSTS.AUTHOR_ID, authorId)
                .set(POSTS.POST_NUMBER, number)
                .set(POSTS.BODY_MARKDOWN, body)
                .set(POSTS.BODY_HTML, markdown.toHtml(body, names -> Mentions.existing(tx.sql(), names)))
                .set(POSTS.CREATED_AT, now)
                .set(POSTS.REPLY_TO_POST_ID, replyTo)
                .returning(POSTS.ID)
                .fetchSingle(POSTS.ID);
        tx.record(new PostCreated(postId, topicId, authorId, number));
        return postId;
    }

    /** Refuses (on {@code body}) a post that mentions too many members. */
    public void mentionsWithinLimit(Tx tx, String body) {
        Mentions.requireWithinLimit(tx.sql(), markdown.mentioned(body));
    }

    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        slug = slug.length() > 60 ? slug.substring(0, 60).replaceAll("-$", "") : slug;
        return slug.isEmpty() ? "topic" : slug;
    }
}
