package hearth.server.discussions;

import static hearth.server.db.schema.tables.Posts.POSTS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.Conflict;
import hearth.api.errors.Forbidden;
import hearth.api.errors.NotFound;
import hearth.server.accounts.PostingRights;
import hearth.server.accounts.Viewer;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Who may change a post once it is written. Its author may edit, delete and restore it while they may post at all;
 * moderators of its category may do all of that to anyone's post. In a locked topic only moderators may. A post the
 * viewer may not see is reported missing, as if it did not exist.
 */
public final class PostAuthority {

    static final String LOCKED = "This topic is locked: it is archived, and only moderators can change it.";
    static final String NOT_YOURS = "Only its author or a moderator can change this post.";

    /** A post about to change, read under its row lock, with its topic. */
    record Target(long postId, int number, long authorId, String markdown, Instant createdAt, int revisions,
                  long deletedBy, TopicReader.Topic topic) {

        boolean deleted() {
            return deletedBy != 0;
        }
    }

    private final TopicReader reader;
    private final Permissions permissions;
    private final PostingRights postingRights;

    public PostAuthority(TopicReader reader, Permissions permissions, PostingRights postingRights) {
        this.reader = reader;
        this.permissions = permissions;
        this.postingRights = postingRights;
    }

    public boolean moderates(Viewer viewer, long categoryId) {
        return permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.MODERATE,
                Scope.category(categoryId));
    }

    /** Whether the viewer may edit, delete and restore the author's posts in the topic (for the pages' links). */
    public boolean mayChange(Viewer viewer, TopicReader.Topic topic, long authorId) {
        if (moderates(viewer, topic.categoryId())) {
            return true;
        }
        return viewer.memberId() == authorId && !topic.locked() && postingRights.whyNot(viewer).isEmpty();
    }

    /** The post, locked for the change; a 404 when the viewer may not see it (or its hidden topic). */
    Target lockedTarget(DSLContext sql, Viewer viewer, long postId) {
        return target(sql, viewer, postId, true);
    }

    /** The post as it is now, for a form; a 404 when the viewer may not see it. */
    Target target(DSLContext sql, Viewer viewer, long postId, boolean lock) {
        var select = sql.select(POSTS.TOPIC_ID, POSTS.POST_NUMBER, POSTS.AUTHOR_ID, POSTS.BODY_MARKDOWN,
                        POSTS.CREATED_AT, POSTS.REVISION_COUNT, POSTS.DELETED_BY)
                .from(POSTS).where(POSTS.ID.eq(postId));
        var row = (lock ? select.forUpdate().fetchOptional() : select.fetchOptional())
                .orElseThrow(PostAuthority::noSuchPost);
        TopicReader.Topic topic = reader.require(sql, row.value1());
        boolean sees = permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.SEE,
                Scope.category(topic.categoryId()));
        if (!sees || topic.hidden() && viewer.memberId() != topic.authorId()
                && !moderates(viewer, topic.categoryId())) {
            throw noSuchPost();
        }
        return new Target(postId, row.value2(), row.value3(), row.value4(), row.value5(), row.value6(),
                row.value7() == null ? 0 : row.value7(), topic);
    }

    /** Refuses a change by someone who is neither the author nor a moderator, or by the author when locked. */
    void mayChange(Viewer viewer, Target target) {
        if (moderates(viewer, target.topic().categoryId())) {
            return;
        }
        if (viewer.memberId() != target.authorId()) {
            throw new Forbidden(NOT_YOURS);
        }
        if (target.topic().locked()) {
            throw new Forbidden(LOCKED);
        }
        postingRights.whyNot(viewer).ifPresent(reason -> {
            throw new Forbidden(reason);
        });
    }

    /**
     * Whether the viewer may edit the post (not delete it): who may change it, anyone allowed to edit others' posts in
     * an unlocked topic, and for an opening post those allowed to retitle topics (the title only).
     */
    public boolean mayEdit(Viewer viewer, TopicReader.Topic topic, long authorId, int number) {
        return mayChange(viewer, topic, authorId)
                || !topic.locked() && (allows(viewer, DiscussionPermissions.EDIT_OTHERS, topic.categoryId())
                || number == 1 && allows(viewer, DiscussionPermissions.RETITLE, topic.categoryId()));
    }

    /**
     * Refuses an edit by someone who may not make it (see {@link #mayEdit}); {@code titleOnly} says the text stays
     * as it is.
     */
    void mayEdit(Viewer viewer, Target target, boolean titleOnly) {
        if (target.authorId() != viewer.memberId() && !target.topic().locked()
                && !moderates(viewer, target.topic().categoryId())) {
            if (allows(viewer, DiscussionPermissions.EDIT_OTHERS, target.topic().categoryId())) {
                return;
            }
            if (target.number() == 1 && allows(viewer, DiscussionPermissions.RETITLE, target.topic().categoryId())) {
                if (!titleOnly) {
                    throw new Forbidden("You may change this topic's title, not its text.");
                }
                return;
            }
        }
        mayChange(viewer, target);
    }

    private boolean allows(Viewer viewer, String permission, long categoryId) {
        return permissions.allows(Optional.of(viewer.asMemberView()), permission, Scope.category(categoryId));
    }

    /** Refuses a change to the text of a deleted post. */
    static void notDeleted(Target target) {
        if (target.deleted()) {
            throw new Conflict("This post was deleted: restore it before you edit it.");
        }
    }

    static NotFound noSuchPost() {
        return new NotFound("There is no such post.");
    }
}
