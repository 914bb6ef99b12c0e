package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.TopicParticipants.TOPIC_PARTICIPANTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.content.Draft;
import hearth.api.errors.NotFound;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.server.tags.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Reads topics and their posts a page at a time. */
public final class TopicReader {

    public static final int PAGE_SIZE = 20;

    /**
     * A topic with its category, as its page shows it. A private conversation has no category ({@code categoryId}
     * 0); a scheduled topic shows the category it will be published in, and when ({@code publishAt}, else null).
     */
    public record Topic(long id, String slug, String title, long categoryId, String categoryName,
                        String categorySlug, String categoryColor, long authorId, int replies, Instant createdAt,
                        String pinned, boolean closed, boolean locked, boolean hidden, String kind, long acceptedPostId,
                        List<String> tags, boolean isPrivate, Instant publishAt, boolean underReview, boolean unlisted,
                        long mergedInto) {

        /** A question topic (as opposed to a discussion); its accepted answer is {@code acceptedPostId} (0: none). */
        public boolean question() {
            return "question".equals(kind);
        }

        public boolean scheduled() {
            return publishAt != null;
        }

        /** The topic as plugins see it (the {@code topic.sidebar} slot's subject). */
        public TopicView view() {
            return new TopicView(id, categoryId, authorId, title, replies, createdAt,
                    new TopicView.State(closed, locked, pinned, unlisted, hidden));
        }

        public String path() {
            return "/t/" + slug + "/" + id;
        }
    }

    /**
     * A post with its author, as the topic page shows it; {@code view} is the slots' subject. {@code revisions}
     * counts its kept earlier versions; {@code deletedBy} is who deleted it (0 while it is not deleted);
     * {@code hiddenReason} is why moderation hides it (null while readers see it), {@code held} whether it has been
     * hidden since it was written.
     */
    public record Post(long id, int number, long authorId, String username, String displayName, int avatarVersion,
                       String bodyHtml, Instant createdAt, PostView view, int revisions, long deletedBy,
                       String hiddenReason, boolean held) {

        public boolean hidden() {
            return hiddenReason != null;
        }

        public boolean deleted() {
            return deletedBy != 0;
        }

        public boolean deletedByAuthor() {
            return deletedBy == authorId;
        }

        /**
         * The post as a reader sees it: a deleted post's text only for moderators, a hidden one's for moderators and
         * its author ({@code viewerId}, 0 for a visitor); why it is hidden only for moderators.
         */
        public Post shownTo(boolean moderator, long viewerId) {
            if (moderator || (!deleted() && (!hidden() || viewerId == authorId))) {
                return moderator || !hidden() ? this : new Post(id, number, authorId, username, displayName,
                        avatarVersion, bodyHtml, createdAt, view, revisions, deletedBy, "", held);
            }
            return new Post(id, number, authorId, username, displayName, avatarVersion, "", createdAt,
                    new PostView(view.id(), view.topicId(), view.authorId(), view.number(), "", view.createdAt(),
                            true),
                    revisions, deletedBy, hidden() ? "" : null, held);
        }
    }

    /** One page of a topic's posts. */
    public record Page(int number, int count, List<Post> posts) {
    }

    /** A published topic of a category (never a private conversation or a scheduled topic). */
    public Optional<Topic> find(DSLContext sql, long topicId) {
        return findAny(sql, topicId).filter(topic -> !topic.isPrivate() && !topic.scheduled());
    }

    /**
     * Any topic, also a private conversation or a scheduled topic, which {@link #find} never returns: callers must
     * check access with {@link Posting#maySee(DSLContext, java.util.Optional, Topic)}.
     */
    public Optional<Topic> findAny(DSLContext sql, long topicId) {
        var category = DSL.coalesce(TOPICS.CATEGORY_ID, TOPICS.SCHEDULED_CATEGORY_ID);
        return sql.select(TOPICS.ID, TOPICS.SLUG, TOPICS.TITLE, category, CATEGORIES.NAME, CATEGORIES.SLUG,
                        CATEGORIES.COLOR, TOPICS.AUTHOR_ID, TOPICS.REPLY_COUNT, TOPICS.CREATED_AT, TOPICS.PINNED,
                        TOPICS.CLOSED_AT, TOPICS.LOCKED_AT, TOPICS.DELETED_AT, TOPICS.KIND, TOPICS.ACCEPTED_POST_ID,
                        TOPICS.IS_PRIVATE, TOPICS.PUBLISH_AT, TOPICS.HIDDEN_AT, TOPICS.UNLISTED, TOPICS.MERGED_INTO)
                .from(TOPICS)
                .leftJoin(CATEGORIES).on(CATEGORIES.ID.eq(category))
                .where(TOPICS.ID.eq(topicId))
                .fetchOptional(r -> new Topic(r.value1(), r.value2(), r.value3(), r.value4() == null ? 0 : r.value4(),
                        r.value5() == null ? "" : r.value5(), r.value6() == null ? "" : r.value6(),
                        r.value7() == null ? "" : r.value7(), r.value8(), r.value9(), r.value10(), r.value11(),
                        r.value12() != null, r.value13() != null, r.value14() != null || r.value19() != null,
                        r.value15(), r.value16() == null ? 0 : r.value16(),
                        Tags.forTopics(sql, List.of(topicId)).getOrDefault(topicId, List.of()),
                        Boolean.TRUE.equals(r.value17()), r.value18(), r.value19() != null,
                        Boolean.TRUE.equals(r.value20()), r.value21() == null ? 0 : r.value21()));
    }

    public Topic require(DSLContext sql, long topicId) {
        return find(sql, topicId).orElseThrow(TopicReader::noSuchTopic);
    }

    static NotFound noSuchTopic() {
        return new NotFound("There is no such topic. It may have been moved or deleted.");
    }

    /** Whether the member takes part in the private conversation. */
    public boolean participates(DSLContext sql, long topicId, long memberId) {
        return sql.fetchExists(TOPIC_PARTICIPANTS, TOPIC_PARTICIPANTS.TOPIC_ID.eq(topicId),
                TOPIC_PARTICIPANTS.MEMBER_ID.eq(memberId));
    }

    public int pageCount(DSLContext sql, long topicId) {
        int posts = sql.fetchCount(POSTS, POSTS.TOPIC_ID.eq(topicId));
        return Math.max(1, (posts + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** The page a post is on (numbers can have gaps, so this counts the posts up to it). */
    public int pageOf(DSLContext sql, long topicId, int postNumber) {
        int position = sql.fetchCount(POSTS, POSTS.TOPIC_ID.eq(topicId).and(POSTS.POST_NUMBER.le(postNumber)));
        return Math.max(1, (position + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** Page {@code requested} (1-based) of the topic's posts in order; a page past the end reads as the last. */
    public Page page(DSLContext sql, long topicId, int requested) {
        int count = pageCount(sql, topicId);
        int number = Math.min(Math.max(1, requested), count);
        List<Post> posts = sql.select(POSTS.ID, POSTS.POST_NUMBER, POSTS.AUTHOR_ID, MEMBERS.USERNAME,
                        MEMBERS.DISPLAY_NAME, MEMBERS.AVATAR_VERSION, POSTS.BODY_HTML, POSTS.CREATED_AT,
                        POSTS.BODY_MARKDOWN, POSTS.REVISION_COUNT, POSTS.DELETED_BY, POSTS.HIDDEN_REASON,
                        POSTS.HIDDEN_AT, POSTS.HELD)
                .from(POSTS)
                .join(MEMBERS).on(MEMBERS.ID.eq(POSTS.AUTHOR_ID))
                .where(POSTS.TOPIC_ID.eq(topicId))
                .orderBy(POSTS.POST_NUMBER)
                .limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)
                .fetch(r -> new Post(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), new PostView(r.value1(), topicId, r.value3(), r.value2(), r.value9(),
                        r.value8(), r.value13() != null || r.value11() != null), r.value10(), deletedBy(r.value11()),
                        hiddenReason(r.value13(), r.value12()), r.value14()));
        return new Page(number, count, posts);
    }

    public Post post(DSLContext sql, long postId) {
        return sql.select(POSTS.ID, POSTS.POST_NUMBER, POSTS.AUTHOR_ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME,
                        MEMBERS.AVATAR_VERSION, POSTS.BODY_HTML, POSTS.CREATED_AT, POSTS.BODY_MARKDOWN, POSTS.TOPIC_ID,
                        POSTS.REVISION_COUNT, POSTS.DELETED_BY, POSTS.HIDDEN_REASON, POSTS.HIDDEN_AT, POSTS.HELD)
                .from(POSTS)
                .join(MEMBERS).on(MEMBERS.ID.eq(POSTS.AUTHOR_ID))
                .where(POSTS.ID.eq(postId))
                .fetchSingle(r -> new Post(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), new PostView(r.value1(), r.value10(), r.value3(), r.value2(),
                        r.value9(), r.value8(), r.value14() != null || r.value12() != null), r.value11(),
                        deletedBy(r.value12()), hiddenReason(r.value14(), r.value13()), r.value15()));
    }

    private static String hiddenReason(Instant hiddenAt, String reason) {
        return hiddenAt == null ? null : reason == null ? "" : reason;
    }

    private static long deletedBy(Long member) {
        return member == null ? 0 : member;
    }

    /** When the member last posted (a topic's opening post counts), if ever. */
    public Optional<Instant> lastPostAt(DSLContext sql, long memberId) {
        return Optional.ofNullable(sql.select(DSL.max(POSTS.CREATED_AT)).from(POSTS)
                .where(POSTS.AUTHOR_ID.eq(memberId)).fetchSingle().value1());
    }

    /**
     * How many posts of the member's readers can see, counted up to {@link Draft#AUTHOR_POSTS_COUNTED}: for content
     * guards, which treat newcomers apart. Counting a prolific member's thousands of posts on every reply would cost
     * more than the reply.
     */
    public int publicPostCount(DSLContext sql, long memberId) {
        return sql.fetchCount(sql.selectOne().from(POSTS).where(POSTS.AUTHOR_ID.eq(memberId), POSTS.HIDDEN_AT.isNull(),
                POSTS.DELETED_AT.isNull()).limit(Draft.AUTHOR_POSTS_COUNTED));
    }

    /** When the member last started a topic, if ever. */
    public Optional<Instant> lastTopicAt(DSLContext sql, long memberId) {
        return Optional.ofNullable(sql.select(DSL.max(TOPICS.CREATED_AT)).from(TOPICS)
                .where(TOPICS.AUTHOR_ID.eq(memberId)).fetchSingle().value1());
    }

    /** Whether the member posted exactly {@code body} in the topic since {@code since}. */
    public boolean postedSince(DSLContext sql, long memberId, long topicId, String body, Instant since) {
        // TEXT columns compare poorly across databases: narrow by time first, then compare in Java.
        return sql.select(POSTS.BODY_MARKDOWN).from(POSTS)
                .where(POSTS.AUTHOR_ID.eq(memberId), POSTS.TOPIC_ID.eq(topicId), POSTS.CREATED_AT.ge(since))
                .fetch(POSTS.BODY_MARKDOWN).stream().anyMatch(body::equals);
    }

    /** Whether the member started a topic titled {@code title} (ignoring case) since {@code since}. */
    public boolean startedSince(DSLContext sql, long memberId, String title, Instant since) {
        return sql.fetchExists(TOPICS, TOPICS.AUTHOR_ID.eq(memberId), TOPICS.CREATED_AT.ge(since),
                DSL.lower(TOPICS.TITLE).eq(title.toLowerCase(java.util.Locale.ROOT)));
    }
}
