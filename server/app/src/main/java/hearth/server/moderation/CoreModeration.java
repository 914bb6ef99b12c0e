package hearth.server.moderation;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.PostRevisions.POST_REVISIONS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Role;
import hearth.api.data.PluginTransaction;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.events.PostApproved;
import hearth.api.events.PostCreated;
import hearth.api.events.PostDeleted;
import hearth.api.events.PostEdited;
import hearth.api.events.PostHidden;
import hearth.api.events.TopicClosed;
import hearth.api.events.TopicCreated;
import hearth.api.events.TopicLocked;
import hearth.api.events.TopicMoved;
import hearth.api.events.TopicOwnerChanged;
import hearth.api.events.TopicPinned;
import hearth.api.events.TopicSplit;
import hearth.api.events.TopicUnlisted;
import hearth.api.events.TopicsMerged;
import hearth.api.moderation.ModerationActions;
import hearth.api.moderation.Standing;
import hearth.server.accounts.MemberAdmin;
import hearth.server.accounts.MemberStatus;
import hearth.server.db.Tx;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import hearth.server.discussions.PostRules;
import hearth.server.mentions.Mentions;
import hearth.server.questions.TopicKind;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The core's side of {@link ModerationActions}: each change in the plugin's transaction, with the core's event.
 * Posts and topics of private conversations are out of reach: moderation works on the public site.
 */
public final class CoreModeration implements ModerationActions {

    private static final Set<String> PIN_SCOPES = Set.of("none", "category", "site");
    private static final int REASON_MAX = 500;

    private final MemberAdmin memberAdmin;
    private final Discussions discussions;
    private final Markdown markdown;
    private final PostRules rules;
    private final Clock clock;

    public CoreModeration(MemberAdmin memberAdmin, Discussions discussions, Markdown markdown, Clock clock) {
        this.memberAdmin = memberAdmin;
        this.discussions = discussions;
        this.markdown = markdown;
        this.rules = new PostRules(clock);
        this.clock = clock;
    }

    /** One public post, locked for the change. */
    private record Post(long id, long topicId, long authorId, int number, String markdown, boolean hidden,
                        boolean held, boolean deleted, int revisions) {
    }

    /** One public topic, locked for the change. */
    private record Topic(long id, long categoryId, long authorId, String title, boolean question) {
    }

    @Override
    public void hidePost(PluginTransaction ptx, long postId, String reason, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        Post post = post(tx.sql(), postId);
        if (post.hidden()) {
            return;
        }
        String why = reason == null ? "" : reason.strip();
        why = why.length() > REASON_MAX ? why.substring(0, REASON_MAX) : why;
        Instant now = clock.instant();
        tx.sql().update(POSTS).set(POSTS.HIDDEN_AT, now).set(POSTS.HIDDEN_REASON, why).set(POSTS.HELD, false)
                .where(POSTS.ID.eq(postId)).execute();
        if (post.number() == 1) {
            tx.sql().update(TOPICS).set(TOPICS.HIDDEN_AT, now).where(TOPICS.ID.eq(post.topicId())).execute();
        }
        tx.record(new PostHidden(postId, post.topicId(), post.authorId(), why, byMemberId, false));
    }

    @Override
    public void approvePost(PluginTransaction ptx, long postId, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        Post post = post(tx.sql(), postId);
        if (!post.hidden()) {
            return;
        }
        tx.sql().update(POSTS).setNull(POSTS.HIDDEN_AT).setNull(POSTS.HIDDEN_REASON).set(POSTS.HELD, false)
                .where(POSTS.ID.eq(postId)).execute();
        if (post.number() == 1) {
            tx.sql().update(TOPICS).setNull(TOPICS.HIDDEN_AT).where(TOPICS.ID.eq(post.topicId())).execute();
        }
        tx.record(new PostApproved(postId, post.topicId(), post.authorId(), byMemberId, post.held()));
        if (post.held()) {
            // Never public until now: announce it now, so notifications, live updates and search see a new post.
            if (post.number() == 1) {
                Topic topic = topic(tx.sql(), post.topicId());
                tx.record(new TopicCreated(topic.id(), topic.categoryId(), topic.authorId(), topic.title(),
                        topic.question()));
            }
            tx.record(new PostCreated(postId, post.topicId(), post.authorId(), post.number()));
        }
    }

    @Override
    public void deletePost(PluginTransaction ptx, long postId, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        Post post = post(tx.sql(), postId);
        if (post.deleted()) {
            return;
        }
        Instant now = clock.instant();
        tx.sql().update(POSTS).set(POSTS.DELETED_AT, now).set(POSTS.DELETED_BY, byMemberId)
                .where(POSTS.ID.eq(postId)).execute();
        boolean opening = post.number() == 1;
        if (opening) {
            tx.sql().update(TOPICS).set(TOPICS.DELETED_AT, now).where(TOPICS.ID.eq(post.topicId())).execute();
        }
        tx.record(new PostDeleted(postId, post.topicId(), byMemberId, opening));
    }

    @Override
    public void editPost(PluginTransaction ptx, long postId, String newMarkdown, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        Post post = post(tx.sql(), postId);
        String body = rules.body(newMarkdown);
        if (body.equals(post.markdown())) {
            return;
        }
        int revision = post.revisions() + 1;
        Instant now = clock.instant();
        tx.sql().insertInto(POST_REVISIONS)
                .set(POST_REVISIONS.POST_ID, postId)
                .set(POST_REVISIONS.REVISION, revision)
                .set(POST_REVISIONS.PREVIOUS_MARKDOWN, post.markdown())
                .set(POST_REVISIONS.EDITOR_ID, byMemberId)
                .set(POST_REVISIONS.REASON, "Edited by a moderator")
                .set(POST_REVISIONS.CREATED_AT, now)
                .execute();
        tx.sql().update(POSTS)
                .set(POSTS.BODY_MARKDOWN, body)
                .set(POSTS.BODY_HTML, markdown.toHtml(body, names -> Mentions.existing(tx.sql(), names)))
                .set(POSTS.REVISION_COUNT, revision)
                .where(POSTS.ID.eq(postId))
                .execute();
        tx.record(new PostEdited(postId, post.topicId(), byMemberId, revision));
    }

    @Override
    public void setStanding(PluginTransaction ptx, long memberId, Standing standing, Instant until, String reason,
                            long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        String role = tx.sql().select(MEMBERS.ROLE).from(MEMBERS)
                .where(MEMBERS.ID.eq(memberId), MEMBERS.DELETED_AT.isNull())
                .fetchOptional(MEMBERS.ROLE).orElseThrow(() -> new NotFound("There is no such member."));
        if (standing != Standing.ACTIVE && !Role.MEMBER.name().equalsIgnoreCase(role)) {
            throw new InvalidInput("member", "Moderators and admins cannot be sanctioned: change their role first.");
        }
        memberAdmin.setStatus(tx, memberId, kind(standing), until, reason, byMemberId);
    }

    @Override
    public Standing standing(PluginTransaction ptx, long memberId) {
        var row = PluginTx.of(ptx).sql().select(MEMBERS.STATUS, MEMBERS.STATUS_UNTIL).from(MEMBERS)
                .where(MEMBERS.ID.eq(memberId), MEMBERS.DELETED_AT.isNull()).fetchOptional()
                .orElseThrow(() -> new NotFound("There is no such member."));
        return switch (MemberStatus.of(row.value1(), row.value2(), clock.instant()).kind()) {
            case ACTIVE -> Standing.ACTIVE;
            case SILENCED -> Standing.SILENCED;
            case SUSPENDED -> Standing.SUSPENDED;
            case BANNED -> Standing.BANNED;
            case PENDING -> Standing.PENDING_APPROVAL;
        };
    }

    private static MemberStatus.Kind kind(Standing standing) {
        return switch (standing) {
            case ACTIVE -> MemberStatus.Kind.ACTIVE;
            case SILENCED -> MemberStatus.Kind.SILENCED;
            case SUSPENDED -> MemberStatus.Kind.SUSPENDED;
            case BANNED -> MemberStatus.Kind.BANNED;
            case PENDING_APPROVAL -> MemberStatus.Kind.PENDING;
        };
    }

    @Override
    public long sendPrivateMessage(PluginTransaction ptx, long toMemberId, String title, String body,
                                   long fromMemberId) {
        Tx tx = PluginTx.of(ptx);
        if (!tx.sql().fetchExists(MEMBERS, MEMBERS.ID.eq(toMemberId), MEMBERS.DELETED_AT.isNull())) {
            throw new NotFound("There is no such member.");
        }
        return discussions.startConversation(tx, fromMemberId, List.of(toMemberId), rules.title(title),
                rules.body(body));
    }

    @Override
    public void closeTopic(PluginTransaction ptx, long topicId, boolean closed, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        topic(tx.sql(), topicId);
        tx.sql().update(TOPICS).set(TOPICS.CLOSED_AT, closed ? clock.instant() : null).where(TOPICS.ID.eq(topicId))
                .execute();
        tx.record(new TopicClosed(topicId, closed, byMemberId));
    }

    @Override
    public void lockTopic(PluginTransaction ptx, long topicId, boolean locked, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        topic(tx.sql(), topicId);
        tx.sql().update(TOPICS).set(TOPICS.LOCKED_AT, locked ? clock.instant() : null).where(TOPICS.ID.eq(topicId))
                .execute();
        tx.record(new TopicLocked(topicId, locked, byMemberId));
    }

    @Override
    public void pinTopic(PluginTransaction ptx, long topicId, String scope, long byMemberId) {
        if (!PIN_SCOPES.contains(scope)) {
            throw new InvalidInput("scope", "Pin to none, category or site.");
        }
        Tx tx = PluginTx.of(ptx);
        topic(tx.sql(), topicId);
        tx.sql().update(TOPICS).set(TOPICS.PINNED, scope).where(TOPICS.ID.eq(topicId)).execute();
        tx.record(new TopicPinned(topicId, scope, byMemberId));
    }

    @Override
    public void unlistTopic(PluginTransaction ptx, long topicId, boolean unlisted, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        topic(tx.sql(), topicId);
        tx.sql().update(TOPICS).set(TOPICS.UNLISTED, unlisted).where(TOPICS.ID.eq(topicId)).execute();
        tx.record(new TopicUnlisted(topicId, unlisted, byMemberId));
    }

    @Override
    public void moveTopic(PluginTransaction ptx, long topicId, long categoryId, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        Topic topic = topic(tx.sql(), topicId);
        if (!tx.sql().fetchExists(CATEGORIES, CATEGORIES.ID.eq(categoryId))) {
            throw new InvalidInput("categoryId", "Please choose a category.");
        }
        if (topic.categoryId() == categoryId) {
            return;
        }
        tx.sql().update(TOPICS).set(TOPICS.CATEGORY_ID, categoryId).where(TOPICS.ID.eq(topicId)).execute();
        tx.record(new TopicMoved(topicId, topic.categoryId(), categoryId, byMemberId));
    }

    @Override
    public void mergeTopics(PluginTransaction ptx, long fromTopicId, long intoTopicId, long byMemberId) {
        if (fromTopicId == intoTopicId) {
            throw new InvalidInput("intoTopicId", "Choose another topic to merge into.");
        }
        Tx tx = PluginTx.of(ptx);
        // Locked in id order, so two merges of the same pair cannot deadlock.
        topic(tx.sql(), Math.min(fromTopicId, intoTopicId));
        topic(tx.sql(), Math.max(fromTopicId, intoTopicId));
        int last = lastNumber(tx.sql(), intoTopicId);
        List<Moving> moving = postsInOrder(tx.sql(), fromTopicId, null);
        renumber(tx.sql(), moving, intoTopicId, last + 1);
        refreshCounts(tx.sql(), intoTopicId);
        Instant now = clock.instant();
        tx.sql().update(TOPICS).set(TOPICS.DELETED_AT, now).set(TOPICS.MERGED_INTO, intoTopicId)
                .set(TOPICS.REPLY_COUNT, 0).where(TOPICS.ID.eq(fromTopicId)).execute();
        tx.record(new TopicsMerged(fromTopicId, intoTopicId, byMemberId));
    }

    @Override
    public long splitTopic(PluginTransaction ptx, long topicId, List<Long> postIds, String rawTitle,
                           long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        String title = rules.title(rawTitle);
        Topic from = topic(tx.sql(), topicId);
        Set<Long> chosen = new LinkedHashSet<>(postIds);
        if (chosen.isEmpty()) {
            throw new InvalidInput("postIds", "Choose the replies to move.");
        }
        List<Moving> moving = postsInOrder(tx.sql(), topicId, chosen);
        if (moving.size() != chosen.size()) {
            throw new InvalidInput("postIds", "Some of the chosen posts are not replies in this topic.");
        }
        if (moving.stream().anyMatch(r -> r.number() == 1)) {
            throw new InvalidInput("postIds", "The opening post stays with its topic: choose replies only.");
        }
        long authorId = moving.getFirst().authorId();
        Instant now = clock.instant();
        long newTopicId = tx.sql().insertInto(TOPICS)
                .set(TOPICS.CATEGORY_ID, from.categoryId())
                .set(TOPICS.AUTHOR_ID, authorId)
                .set(TOPICS.TITLE, title)
                .set(TOPICS.SLUG, Discussions.slug(title))
                .set(TOPICS.REPLY_COUNT, 0)
                .set(TOPICS.CREATED_AT, now)
                .set(TOPICS.LAST_POSTED_AT, now)
                .returning(TOPICS.ID).fetchSingle(TOPICS.ID);
        renumber(tx.sql(), moving, newTopicId, 1);
        refreshCounts(tx.sql(), newTopicId);
        refreshCounts(tx.sql(), topicId);
        tx.record(new TopicCreated(newTopicId, from.categoryId(), authorId, title));
        tx.record(new TopicSplit(topicId, newTopicId, moving.size(), byMemberId));
        return newTopicId;
    }

    @Override
    public void changeTopicOwner(PluginTransaction ptx, long topicId, long newOwnerId, long byMemberId) {
        Tx tx = PluginTx.of(ptx);
        Topic topic = topic(tx.sql(), topicId);
        if (!tx.sql().fetchExists(MEMBERS, MEMBERS.ID.eq(newOwnerId), MEMBERS.DELETED_AT.isNull())) {
            throw new InvalidInput("owner", "There is no such member.");
        }
        if (topic.authorId() == newOwnerId) {
            return;
        }
        tx.sql().update(TOPICS).set(TOPICS.AUTHOR_ID, newOwnerId).where(TOPICS.ID.eq(topicId)).execute();
        tx.sql().update(POSTS).set(POSTS.AUTHOR_ID, newOwnerId)
                .where(POSTS.TOPIC_ID.eq(topicId), POSTS.POST_NUMBER.eq(1)).execute();
        tx.record(new TopicOwnerChanged(topicId, topic.authorId(), newOwnerId, byMemberId));
    }

    private Post post(DSLContext sql, long postId) {
        return sql.select(POSTS.ID, POSTS.TOPIC_ID, POSTS.AUTHOR_ID, POSTS.POST_NUMBER, POSTS.BODY_MARKDOWN,
                        POSTS.HIDDEN_AT, POSTS.HELD, POSTS.DELETED_AT, POSTS.REVISION_COUNT)
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .where(POSTS.ID.eq(postId), TOPICS.IS_PRIVATE.isFalse(), TOPICS.CATEGORY_ID.isNotNull())
                // Locks the topic's row too: MariaDB has no FOR UPDATE OF <table>.
                .forUpdate()
                .fetchOptional(r -> new Post(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6() != null, r.value7(), r.value8() != null, r.value9()))
                .orElseThrow(() -> new NotFound("There is no such post."));
    }

    private Topic topic(DSLContext sql, long topicId) {
        return sql.select(TOPICS.ID, TOPICS.CATEGORY_ID, TOPICS.AUTHOR_ID, TOPICS.TITLE, TOPICS.KIND).from(TOPICS)
                .where(TOPICS.ID.eq(topicId), TOPICS.IS_PRIVATE.isFalse(), TOPICS.CATEGORY_ID.isNotNull(),
                        TOPICS.MERGED_INTO.isNull())
                .forUpdate()
                .fetchOptional(r -> new Topic(r.value1(), r.value2(), r.value3(), r.value4(),
                        TopicKind.QUESTION.key().equals(r.value5())))
                .orElseThrow(() -> new NotFound("There is no such topic."));
    }

    private static int lastNumber(DSLContext sql, long topicId) {
        Integer last = sql.select(DSL.max(POSTS.POST_NUMBER)).from(POSTS).where(POSTS.TOPIC_ID.eq(topicId))
                .fetchSingle().value1();
        return last == null ? 0 : last;
    }

    /** A post that moves to another topic. */
    private record Moving(long id, int number, long authorId) {
    }

    private static List<Moving> postsInOrder(DSLContext sql, long topicId, Set<Long> only) {
        var where = POSTS.TOPIC_ID.eq(topicId);
        if (only != null) {
            where = where.and(POSTS.ID.in(only));
        }
        return sql.select(POSTS.ID, POSTS.POST_NUMBER, POSTS.AUTHOR_ID).from(POSTS).where(where)
                .orderBy(POSTS.CREATED_AT, POSTS.ID).fetch(r -> new Moving(r.value1(), r.value2(), r.value3()));
    }

    /** Gives the posts numbers from {@code firstNumber} on in {@code topicId}, in the order given. */
    private static void renumber(DSLContext sql, List<Moving> posts, long topicId, int firstNumber) {
        int number = firstNumber;
        for (Moving post : posts) {
            sql.update(POSTS).set(POSTS.TOPIC_ID, topicId).set(POSTS.POST_NUMBER, number++)
                    .where(POSTS.ID.eq(post.id())).execute();
        }
    }

    /** A topic's reply count and last activity from the posts it holds now. */
    private static void refreshCounts(DSLContext sql, long topicId) {
        var counts = sql.select(DSL.count(), DSL.max(POSTS.CREATED_AT)).from(POSTS)
                .where(POSTS.TOPIC_ID.eq(topicId), POSTS.DELETED_AT.isNull()).fetchSingle();
        int posts = counts.value1();
        var update = sql.update(TOPICS).set(TOPICS.REPLY_COUNT, Math.max(0, posts - 1));
        if (counts.value2() != null) {
            update = update.set(TOPICS.LAST_POSTED_AT, counts.value2());
        }
        update.where(TOPICS.ID.eq(topicId)).execute();
    }
}
