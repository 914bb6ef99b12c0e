package hearth.server.discussions;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.PostRevisions.POST_REVISIONS;
import static hearth.server.db.schema.tables.Posts.POSTS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.server.accounts.Viewer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A post's earlier versions, newest first, each with who replaced it, when, why and a word diff against the version
 * that replaced it. Whoever may read the post may read its history; a deleted post's only moderators.
 */
public final class PostRevisions {

    /** One edit: the version before it and what changed. {@code titleDiffHtml} is empty when the title stayed. */
    public record Revision(int number, String editorUsername, String editorName, Instant at, String reason,
                           String previousMarkdown, String previousTitle, String diffHtml, String titleDiffHtml) {
    }

    /** The post the history belongs to, where it is, and its edits. */
    public record History(long postId, int postNumber, TopicReader.Topic topic, String location,
                          List<Revision> revisions) {
    }

    private final TopicReader reader;
    private final Permissions permissions;

    public PostRevisions(TopicReader reader, Permissions permissions) {
        this.reader = reader;
        this.permissions = permissions;
    }

    public History history(DSLContext sql, Optional<Viewer> viewer, long postId) {
        var post = sql.select(POSTS.TOPIC_ID, POSTS.POST_NUMBER, POSTS.BODY_MARKDOWN, POSTS.DELETED_AT)
                .from(POSTS).where(POSTS.ID.eq(postId)).fetchOptional().orElseThrow(PostAuthority::noSuchPost);
        TopicReader.Topic topic = reader.require(sql, post.value1());
        Optional<hearth.api.views.MemberView> member = viewer.map(Viewer::asMemberView);
        boolean moderator = permissions.allows(member, DiscussionPermissions.MODERATE,
                Scope.category(topic.categoryId()));
        if (!permissions.allows(member, DiscussionPermissions.SEE, Scope.category(topic.categoryId()))
                || (post.value4() != null || topic.hidden()) && !moderator) {
            throw PostAuthority.noSuchPost();
        }
        var rows = sql.select(POST_REVISIONS.REVISION, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME,
                        POST_REVISIONS.CREATED_AT, POST_REVISIONS.REASON, POST_REVISIONS.PREVIOUS_MARKDOWN,
                        POST_REVISIONS.PREVIOUS_TITLE)
                .from(POST_REVISIONS).join(MEMBERS).on(MEMBERS.ID.eq(POST_REVISIONS.EDITOR_ID))
                .where(POST_REVISIONS.POST_ID.eq(postId))
                .orderBy(POST_REVISIONS.REVISION.desc())
                .fetch();
        List<Revision> revisions = new ArrayList<>();
        String nextBody = post.value3();
        String nextTitle = topic.title();
        for (var r : rows) {
            String titleDiff = r.value7() == null ? "" : WordDiff.html(r.value7(), nextTitle);
            revisions.add(new Revision(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                    r.value7(), WordDiff.html(r.value6(), nextBody), titleDiff));
            nextBody = r.value6();
            if (r.value7() != null) {
                nextTitle = r.value7();
            }
        }
        String location = topic.path() + "?page=" + reader.pageOf(sql, topic.id(), post.value2()) + "#post-"
                + post.value2();
        return new History(postId, post.value2(), topic, location, revisions);
    }
}
