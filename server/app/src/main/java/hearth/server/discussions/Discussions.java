package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.TopicParticipants.TOPIC_PARTICIPANTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.events.CategoryChanged;
import hearth.api.events.DomainEvent;
import hearth.api.events.MessageSent;
import hearth.api.events.PostCreated;
import hearth.api.events.PostHidden;
import hearth.api.events.TopicCreated;
import hearth.server.db.Tx;
import hearth.server.mentions.Mentions;
import hearth.server.questions.TopicKind;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
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
        return startTopic(tx, authorId, categoryId, title, body, null, false);
    }

    /**
     * Starts a topic; with a {@code heldReason} (a content guard's) it is held for review: hidden with its opening
     * post, announced as {@link PostHidden} now and as created only when a moderator approves it.
     */
    public long startTopic(Tx tx, long authorId, long categoryId, String title, String body, String heldReason,
                           boolean question) {
        Instant now = clock.instant();
        long topicId = insertTopic(tx, Map.of(TOPICS.CATEGORY_ID, categoryId), authorId, title, now, question);
        if (heldReason == null) {
            tx.record(new TopicCreated(topicId, categoryId, authorId, title, question));
        } else {
            tx.sql().update(TOPICS).set(TOPICS.HIDDEN_AT, now).where(TOPICS.ID.eq(topicId)).execute();
        }
        addPost(tx, topicId, authorId, 1, body, now, null, false, heldReason);
        return topicId;
    }

    /**
     * Starts a topic that stays unlisted until {@code publishAt}: it has no category yet (so no list shows it) and
     * records no events; {@link #publish} gives it its category and records {@code TopicCreated} then.
     */
    public long scheduleTopic(Tx tx, long authorId, long categoryId, String title, String body, Instant publishAt,
                              boolean question) {
        Instant now = clock.instant();
        long topicId = insertTopic(tx, Map.of(TOPICS.SCHEDULED_CATEGORY_ID, categoryId, TOPICS.PUBLISH_AT, publishAt),
                authorId, title, now, question);
        insertPost(tx, topicId, authorId, 1, body, now, null);
        return topicId;
    }

    /**
     * Publishes a scheduled topic now, if it still is one (false when another node or a staff member got there
     * first). It is dated now, as if just started, and announced as started.
     */
    public boolean publish(Tx tx, long topicId) {
        var topic = tx.sql().select(TOPICS.SCHEDULED_CATEGORY_ID, TOPICS.AUTHOR_ID, TOPICS.TITLE, TOPICS.KIND)
                .from(TOPICS)
                .where(TOPICS.ID.eq(topicId), TOPICS.PUBLISH_AT.isNotNull()).forUpdate().fetchOptional();
        if (topic.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        long categoryId = topic.get().value1();
        tx.sql().update(TOPICS).set(TOPICS.CATEGORY_ID, categoryId).setNull(TOPICS.SCHEDULED_CATEGORY_ID)
                .setNull(TOPICS.PUBLISH_AT).set(TOPICS.CREATED_AT, now).set(TOPICS.LAST_POSTED_AT, now)
                .where(TOPICS.ID.eq(topicId)).execute();
        tx.sql().update(POSTS).set(POSTS.CREATED_AT, now).where(POSTS.TOPIC_ID.eq(topicId)).execute();
        long firstPost = tx.sql().select(POSTS.ID).from(POSTS)
                .where(POSTS.TOPIC_ID.eq(topicId), POSTS.POST_NUMBER.eq(1)).fetchSingle(POSTS.ID);
        tx.record(new TopicCreated(topicId, categoryId, topic.get().value2(), topic.get().value3(),
                TopicKind.QUESTION.key().equals(topic.get().value4())));
        tx.record(new PostCreated(firstPost, topicId, topic.get().value2(), 1));
        return true;
    }

    /**
     * Starts a private conversation between the author and {@code recipients}: a topic without a category, seen
     * only by its participants. Its posts are announced as {@link MessageSent}. Returns the topic id.
     */
    public long startConversation(Tx tx, long authorId, Collection<Long> recipients, String title, String body) {
        Instant now = clock.instant();
        long topicId = insertTopic(tx, Map.of(TOPICS.IS_PRIVATE, true), authorId, title, now, false);
        Set<Long> everyone = new LinkedHashSet<>();
        everyone.add(authorId);
        everyone.addAll(recipients);
        for (long member : everyone) {
            tx.sql().insertInto(TOPIC_PARTICIPANTS)
                    .set(TOPIC_PARTICIPANTS.TOPIC_ID, topicId)
                    .set(TOPIC_PARTICIPANTS.MEMBER_ID, member)
                    .set(TOPIC_PARTICIPANTS.ADDED_AT, now)
                    .execute();
        }
        addPost(tx, topicId, authorId, 1, body, now, null, true);
        return topicId;
    }

    /** A new topic row: what sets it apart ({@code placement}: its category, schedule or privacy) and the usual. */
    private static long insertTopic(Tx tx, Map<? extends Field<?>, ?> placement, long authorId, String title,
                                    Instant now, boolean question) {
        return tx.sql().insertInto(TOPICS)
                .set(placement)
                .set(TOPICS.KIND, (question ? TopicKind.QUESTION : TopicKind.DISCUSSION).key())
                .set(TOPICS.AUTHOR_ID, authorId)
                .set(TOPICS.TITLE, title)
                .set(TOPICS.SLUG, slug(title))
                .set(TOPICS.REPLY_COUNT, 0)
                .set(TOPICS.CREATED_AT, now)
                .set(TOPICS.LAST_POSTED_AT, now)
                .returning(TOPICS.ID)
                .fetchSingle(TOPICS.ID);
    }

    /** Adds a reply at the end of a topic; returns the post id. */
    public long reply(Tx tx, long authorId, long topicId, String body) {
        return reply(tx, authorId, topicId, body, null);
    }

    /** Adds a reply at the end of a topic answering {@code replyTo} (null, or a post of the topic: the caller checks). */
    public long reply(Tx tx, long authorId, long topicId, String body, Long replyTo) {
        return reply(tx, authorId, topicId, body, replyTo, null);
    }

    /** A reply; with a {@code heldReason} (a content guard's) it is held for review, as for a topic. */
    public long reply(Tx tx, long authorId, long topicId, String body, Long replyTo, String heldReason) {
        Instant now = clock.instant();
        // Locking the topic row numbers concurrent replies one after another.
        var locked = tx.sql().select(TOPICS.REPLY_COUNT, TOPICS.IS_PRIVATE).from(TOPICS).where(TOPICS.ID.eq(topicId))
                .forUpdate().fetchSingle();
        int replies = locked.value1();
        // Numbers follow the highest one, not the count: removed posts (a deleted account's) leave gaps, and a
        // number is never given out twice.
        Integer last = tx.sql().select(DSL.max(POSTS.POST_NUMBER)).from(POSTS).where(POSTS.TOPIC_ID.eq(topicId))
                .fetchSingle().value1();
        tx.sql().update(TOPICS)
                .set(TOPICS.REPLY_COUNT, replies + 1)
                .set(TOPICS.LAST_POSTED_AT, now)
                .where(TOPICS.ID.eq(topicId))
                .execute();
        return addPost(tx, topicId, authorId, last == null ? 1 : last + 1, body, now, replyTo, locked.value2(),
                heldReason);
    }

    private long addPost(Tx tx, long topicId, long authorId, int number, String body, Instant now, Long replyTo,
                         boolean inConversation) {
        return addPost(tx, topicId, authorId, number, body, now, replyTo, inConversation, null);
    }

    private long addPost(Tx tx, long topicId, long authorId, int number, String body, Instant now, Long replyTo,
                         boolean inConversation, String heldReason) {
        long postId = insertPost(tx, topicId, authorId, number, body, now, replyTo);
        if (heldReason != null) {
            String reason = heldReason.length() > 500 ? heldReason.substring(0, 500) : heldReason;
            tx.sql().update(POSTS).set(POSTS.HIDDEN_AT, now).set(POSTS.HIDDEN_REASON, reason).set(POSTS.HELD, true)
                    .where(POSTS.ID.eq(postId)).execute();
            tx.record(new PostHidden(postId, topicId, authorId, reason, 0, true));
            return postId;
        }
        DomainEvent created = inConversation ? new MessageSent(postId, topicId, authorId, number)
                : new PostCreated(postId, topicId, authorId, number);
        tx.record(created);
        return postId;
    }

    private long insertPost(Tx tx, long topicId, long authorId, int number, String body, Instant now, Long replyTo) {
        return tx.sql().insertInto(POSTS)
                .set(POSTS.TOPIC_ID, topicId)
                .set(POSTS.AUTHOR_ID, authorId)
                .set(POSTS.POST_NUMBER, number)
                .set(POSTS.BODY_MARKDOWN, body)
                .set(POSTS.BODY_HTML, markdown.toHtml(body, names -> Mentions.existing(tx.sql(), names)))
                .set(POSTS.CREATED_AT, now)
                .set(POSTS.REPLY_TO_POST_ID, replyTo)
                .returning(POSTS.ID)
                .fetchSingle(POSTS.ID);
    }

    /** Refuses (on {@code body}) a post that mentions too many members. */
    public void mentionsWithinLimit(Tx tx, String body) {
        Mentions.requireWithinLimit(tx.sql(), markdown.mentioned(body));
    }

    /** The URL slug the site gives a topic title or category name. */
    public static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        slug = slug.length() > 60 ? slug.substring(0, 60).replaceAll("-$", "") : slug;
        return slug.isEmpty() ? "topic" : slug;
    }
}
