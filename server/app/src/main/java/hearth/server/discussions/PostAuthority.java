package hearth.server.discussions;

import static hearth.server.db.schema.tables.Posts.POSTS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.Conflict;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.server.accounts.PostingRights;
import hearth.server.accounts.Viewer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
     * The posts of the page the viewer may edit though they may not change them (see {@link #mayChange}): every one
     * with {@link DiscussionPermissions#EDIT_OTHERS}, the opening post with {@link DiscussionPermissions#RETITLE} or
     * {@link DiscussionPermissions#RECATEGORISE}; none in a locked topic. Asked once per page, not per post.
     */
    public Set<Long> alsoEditable(Viewer viewer, TopicReader.Topic topic, List<TopicReader.Post> posts) {
        long category = topic.categoryId();
        if (topic.locked()) {
            return Set.of();
        }
        if (allows(viewer, DiscussionPermissions.EDIT_OTHERS, category)) {
            return posts.stream().map(TopicReader.Post::id).collect(Collectors.toSet());
        }
        if (allows(viewer, DiscussionPermissions.RETITLE, category)
                || allows(viewer, DiscussionPermissions.RECATEGORISE, category)) {
            return posts.stream().filter(p -> p.number() == 1).map(TopicReader.Post::id).collect(Collectors.toSet());
        }
        return Set.of();
    }

    /**
     * Refuses an edit by someone who may not make it (see {@link #mayEdit}): others' text needs
     * {@link DiscussionPermissions#EDIT_OTHERS}, others' titles that or {@link DiscussionPermissions#RETITLE}. Moving
     * is checked by {@link #mayMove}.
     */
    void mayEdit(Viewer viewer, Target target, boolean textChanged, boolean titleChanged) {
        long category = target.topic().categoryId();
        if (target.authorId() != viewer.memberId() && !target.topic().locked() && !moderates(viewer, category)) {
            boolean others = allows(viewer, DiscussionPermissions.EDIT_OTHERS, category);
            boolean opening = target.number() == 1;
            boolean retitle = opening && allows(viewer, DiscussionPermissions.RETITLE, category);
            boolean move = opening && allows(viewer, DiscussionPermissions.RECATEGORISE, category);
            if (others || retitle || move) {
                if (textChanged && !others) {
                    throw new Forbidden("You may change this topic's title or category, not its text.");
                }
                if (titleChanged && !others && !retitle) {
                    throw new Forbidden("You may move this topic, not change its title.");
                }
                return;
            }
        }
        mayChange(viewer, target);
    }

    /** Refuses moving the topic unless the viewer may move topics out of its category and into {@code categoryId}. */
    void mayMove(Viewer viewer, Target target, long categoryId) {
        if (!movesIn(viewer, target.topic().categoryId())) {
            throw new Forbidden("You may not move this topic to another category.");
        }
        if (!movesIn(viewer, categoryId)) {
            throw new InvalidInput("categoryId", "You cannot move topics into that category.");
        }
    }

    /** Whether the viewer may move topics out of and into the category (one they can see). */
    public boolean movesIn(Viewer viewer, long categoryId) {
        return allows(viewer, DiscussionPermissions.SEE, categoryId) && (moderates(viewer, categoryId)
                || allows(viewer, DiscussionPermissions.RECATEGORISE, categoryId));
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
