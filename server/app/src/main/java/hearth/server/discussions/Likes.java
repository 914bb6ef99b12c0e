package hearth.server.discussions;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.PostLikes.POST_LIKES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.Forbidden;
import hearth.api.events.PostLiked;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Likes: one per member per post, never on one's own post; liking twice (or taking back a like that is not there)
 * changes nothing. Each real change is journaled ({@link PostLiked}).
 */
public final class Likes {

    /** A post's likes after a change. */
    public record Count(long postId, int likes, boolean likedByViewer) {
    }

    private final Database db;
    private final Permissions permissions;
    private final Clock clock;

    public Likes(Database db, Permissions permissions, Clock clock) {
        this.db = db;
        this.permissions = permissions;
        this.clock = clock;
    }

    public Future<Count> set(Viewer viewer, long postId, boolean like) {
        return db.write(tx -> {
            var post = tx.sql().select(POSTS.AUTHOR_ID, POSTS.TOPIC_ID, TOPICS.CATEGORY_ID, POSTS.DELETED_AT,
                            TOPICS.LOCKED_AT, TOPICS.DELETED_AT).from(POSTS)
                    .join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                    .where(POSTS.ID.eq(postId), TOPICS.CATEGORY_ID.isNotNull()).fetchOptional()
                    .filter(r -> permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.SEE,
                            Scope.category(r.value3())))
                    .orElseThrow(() -> new hearth.api.errors.NotFound("There is no such post."));
            if (post.value1() == viewer.memberId()) {
                throw new Forbidden("You cannot like your own post.");
            }
            if (post.value4() != null || post.value6() != null) {
                throw new hearth.api.errors.Conflict("This post was deleted: it can no longer be liked.");
            }
            if (post.value5() != null && !permissions.allows(Optional.of(viewer.asMemberView()),
                    DiscussionPermissions.MODERATE, Scope.category(post.value3()))) {
                throw new Forbidden(PostAuthority.LOCKED);
            }
            int changed = like
                    ? tx.sql().insertInto(POST_LIKES, POST_LIKES.POST_ID, POST_LIKES.MEMBER_ID, POST_LIKES.CREATED_AT)
                            .select(DSL.select(DSL.val(postId, POST_LIKES.POST_ID),
                                            DSL.val(viewer.memberId(), POST_LIKES.MEMBER_ID),
                                            DSL.val(clock.instant(), POST_LIKES.CREATED_AT))
                                    .whereNotExists(DSL.selectOne().from(POST_LIKES).where(POST_LIKES.POST_ID.eq(postId),
                                            POST_LIKES.MEMBER_ID.eq(viewer.memberId()))))
                            .execute()
                    : tx.sql().deleteFrom(POST_LIKES).where(POST_LIKES.POST_ID.eq(postId),
                            POST_LIKES.MEMBER_ID.eq(viewer.memberId())).execute();
            if (changed > 0) {
                tx.record(new PostLiked(postId, post.value2(), post.value1(), viewer.memberId(), like));
            }
            return new Count(postId, tx.sql().fetchCount(POST_LIKES, POST_LIKES.POST_ID.eq(postId)), like);
        });
    }

    /** How many likes each of {@code posts} has. */
    public static Map<Long, Integer> counts(DSLContext sql, Collection<Long> posts) {
        Map<Long, Integer> counts = new HashMap<>();
        sql.select(POST_LIKES.POST_ID, DSL.count()).from(POST_LIKES).where(POST_LIKES.POST_ID.in(posts))
                .groupBy(POST_LIKES.POST_ID).fetch().forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /** Which of {@code posts} the member liked. */
    public static Set<Long> likedBy(DSLContext sql, long memberId, Collection<Long> posts) {
        return new HashSet<>(sql.select(POST_LIKES.POST_ID).from(POST_LIKES)
                .where(POST_LIKES.MEMBER_ID.eq(memberId), POST_LIKES.POST_ID.in(posts)).fetch(POST_LIKES.POST_ID));
    }

    /** Who liked a post, most recent first (display names and usernames). */
    public List<Map<String, String>> who(DSLContext sql, long postId) {
        return sql.select(MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME).from(POST_LIKES)
                .join(MEMBERS).on(MEMBERS.ID.eq(POST_LIKES.MEMBER_ID))
                .where(POST_LIKES.POST_ID.eq(postId)).orderBy(POST_LIKES.CREATED_AT.desc()).limit(200)
                .fetch(r -> Map.of("username", r.value1(), "displayName", r.value2()));
    }
}
