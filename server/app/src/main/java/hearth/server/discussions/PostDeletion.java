package hearth.server.discussions;

import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.events.PostDeleted;
import hearth.api.events.PostRestored;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.RateLimiter;
import io.vertx.core.Future;
import java.time.Clock;

/**
 * Deleting a post and restoring it. A deleted post keeps its place and its text: readers see a notice instead,
 * moderators still read it, and search, feeds and likes leave it out. The opening post of a topic others replied to
 * cannot be deleted (their replies would lose their question); without such replies, deleting it hides the topic.
 * A post a moderator deleted only a moderator restores.
 */
public final class PostDeletion {

    static final String OTHERS_REPLIED = "This post opens a topic others have replied to, so it cannot be deleted. "
            + "Edit it instead, or ask a moderator.";

    /** Where the post is after the change. */
    public record Changed(long postId, long topicId, boolean deleted, boolean topicHidden) {
    }

    private final Database db;
    private final PostAuthority authority;
    private final RateLimiter changes;
    private final Clock clock;

    public PostDeletion(Database db, PostAuthority authority, RateLimiter changes, Clock clock) {
        this.db = db;
        this.authority = authority;
        this.changes = changes;
        this.clock = clock;
    }

    /** Deletes the post; deleting one that is already deleted changes nothing. */
    public Future<Changed> delete(Viewer viewer, long postId) {
        return db.write(tx -> {
            PostAuthority.Target target = authority.lockedTarget(tx.sql(), viewer, postId);
            authority.mayChange(viewer, target);
            long topicId = target.topic().id();
            if (target.deleted()) {
                return new Changed(postId, topicId, true, target.topic().hidden());
            }
            boolean opening = target.number() == 1;
            if (opening && tx.sql().fetchExists(POSTS, POSTS.TOPIC_ID.eq(topicId),
                    POSTS.AUTHOR_ID.ne(target.authorId()), POSTS.DELETED_AT.isNull())) {
                throw new Conflict(OTHERS_REPLIED);
            }
            paced(viewer);
            tx.sql().update(POSTS).set(POSTS.DELETED_AT, clock.instant()).set(POSTS.DELETED_BY, viewer.memberId())
                    .where(POSTS.ID.eq(postId)).execute();
            if (opening) {
                tx.sql().update(TOPICS).set(TOPICS.DELETED_AT, clock.instant()).where(TOPICS.ID.eq(topicId))
                        .execute();
            }
            tx.record(new PostDeleted(postId, topicId, viewer.memberId(), opening));
            return new Changed(postId, topicId, true, opening);
        });
    }

    /** Restores a deleted post (and its topic, when it opens one); restoring one that is not deleted changes nothing. */
    public Future<Changed> restore(Viewer viewer, long postId) {
        return db.write(tx -> {
            PostAuthority.Target target = authority.lockedTarget(tx.sql(), viewer, postId);
            authority.mayChange(viewer, target);
            long topicId = target.topic().id();
            if (!target.deleted()) {
                return new Changed(postId, topicId, false, target.topic().hidden());
            }
            boolean moderator = authority.moderates(viewer, target.topic().categoryId());
            if (target.deletedBy() != target.authorId() && !moderator) {
                throw new hearth.api.errors.Forbidden("A moderator deleted this post: only a moderator can "
                        + "restore it.");
            }
            paced(viewer);
            tx.sql().update(POSTS).setNull(POSTS.DELETED_AT).setNull(POSTS.DELETED_BY)
                    .where(POSTS.ID.eq(postId)).execute();
            if (target.number() == 1) {
                tx.sql().update(TOPICS).setNull(TOPICS.DELETED_AT).where(TOPICS.ID.eq(topicId)).execute();
            }
            tx.record(new PostRestored(postId, topicId, viewer.memberId()));
            return new Changed(postId, topicId, false, false);
        });
    }

    private void paced(Viewer viewer) {
        if (!changes.tryAcquire("member:" + viewer.memberId())) {
            throw new InvalidInput("post", "You are changing posts quickly: please wait a few minutes.");
        }
    }
}
