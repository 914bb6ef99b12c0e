package hearth.server.mentions;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.events.PostCreated;
import hearth.api.views.MemberView;
import hearth.server.accounts.MemberViews;
import hearth.server.discussions.CategoryGrants;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.discussions.Markdown;
import hearth.server.notifications.MemberNotifications;
import hearth.server.watching.NotificationLevel;
import hearth.server.watching.NotificationLevels;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Who hears about a new post, and why. Each member gets at most one notification per post, for the strongest
 * reason: mentioned beats quoted beats replied to beats watching. Nobody hears about their own post, about a topic
 * they may not see, or about a topic (or category) they muted. Writing a post also starts tracking its topic for
 * the author. Runs inside the journal listener's transaction; replaying a post writes nothing twice (each
 * notification's source key names the post, and the member where several may get one).
 */
public final class PostRecipients {

    /** Why a member is told, strongest first. */
    enum Reason {
        MENTION("mention", "mentioned you in "),
        QUOTE("quote", "quoted you in "),
        REPLY("replies", "replied to "),
        POSTED("posted", "posted in ");

        final String kind;
        final String title;

        Reason(String kind, String title) {
            this.kind = kind;
            this.title = title;
        }
    }

    private final MemberNotifications notifications;
    private final NotificationLevels levels;
    private final Permissions permissions;
    private final CategoryGrants categories;
    private final Markdown markdown;
    private final Clock clock;

    public PostRecipients(MemberNotifications notifications, NotificationLevels levels, Permissions permissions,
                          CategoryGrants categories, Markdown markdown, Clock clock) {
        this.categories = categories;
        this.notifications = notifications;
        this.levels = levels;
        this.permissions = permissions;
        this.markdown = markdown;
        this.clock = clock;
    }

    public void notify(DSLContext sql, PostCreated created) {
        var post = sql.select(POSTS.BODY_MARKDOWN, POSTS.REPLY_TO_POST_ID, TOPICS.CATEGORY_ID, TOPICS.AUTHOR_ID,
                        TOPICS.TITLE, TOPICS.SLUG)
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .where(POSTS.ID.eq(created.postId())).fetchOptional().orElse(null);
        if (post == null) {
            return; // removed since (its author's account was deleted)
        }
        long categoryId = post.value3();
        categories.know(sql, categoryId); // created a moment ago on another node: who may see it?
        levels.trackAutomatically(sql, created.authorId(), created.topicId(), categoryId, clock.instant());

        Map<Long, Reason> reasons = new LinkedHashMap<>();
        Mentions.members(sql, markdown.mentioned(post.value1())).values()
                .forEach(member -> add(reasons, member, Reason.MENTION));
        Set<Long> quoted = QuoteBlocks.quotedPosts(post.value1());
        if (!quoted.isEmpty()) {
            sql.selectDistinct(POSTS.AUTHOR_ID).from(POSTS).where(POSTS.ID.in(quoted)).fetch(POSTS.AUTHOR_ID)
                    .forEach(member -> add(reasons, member, Reason.QUOTE));
        }
        if (post.value2() != null) {
            sql.select(POSTS.AUTHOR_ID).from(POSTS)
                    .where(POSTS.ID.eq(post.value2()), POSTS.TOPIC_ID.eq(created.topicId()))
                    .fetchOptional(POSTS.AUTHOR_ID).ifPresent(member -> add(reasons, member, Reason.REPLY));
        } else if (created.postNumber() > 1) {
            add(reasons, post.value4(), Reason.REPLY);
        }
        levels.watchers(sql, created.topicId(), categoryId).forEach(member -> add(reasons, member, Reason.POSTED));

        String url = "/t/" + post.value6() + "/" + created.topicId() + "#post-" + created.postNumber();
        reasons.forEach((member, reason) -> {
            if (member == created.authorId() || !mayHear(sql, member, created.topicId(), categoryId)) {
                return;
            }
            notifications.notify(sql, member, reason.kind, created.authorId(), reason.title + post.value5(), url,
                    sourceKey(reason, created.postId(), member));
        });
    }

    private boolean mayHear(DSLContext sql, long memberId, long topicId, long categoryId) {
        Optional<MemberView> member = MemberViews.find(sql, MEMBERS.ID.eq(memberId), clock.instant());
        return member.isPresent()
                && permissions.allows(member, DiscussionPermissions.SEE, Scope.category(categoryId))
                && levels.forTopic(sql, memberId, topicId, categoryId) != NotificationLevel.MUTED;
    }

    private static void add(Map<Long, Reason> reasons, long member, Reason reason) {
        reasons.merge(member, reason, (had, now) -> had.ordinal() <= now.ordinal() ? had : now);
    }

    private static String sourceKey(Reason reason, long postId, long memberId) {
        // A post has one reply recipient: its key stays what it was before mentions existed, so old replies replay
        // into the same row.
        return reason == Reason.REPLY ? "reply:" + postId : reason.kind + ":" + postId + ":" + memberId;
    }
}
