package hearth.server.discussions;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Optional;

/**
 * Editing, deleting and restoring a post in JSON under {@code /api/v1/posts/{id}}, and its revisions; the same rules
 * as the pages.
 */
public final class PostEditApi implements Routes {

    private final Database db;
    private final TopicReader reader;
    private final PostAuthority authority;
    private final PostEditing editing;
    private final PostDeletion deletion;
    private final PostRevisions revisions;

    public PostEditApi(Database db, TopicReader reader, PostAuthority authority, PostEditing editing,
                       PostDeletion deletion, PostRevisions revisions) {
        this.db = db;
        this.reader = reader;
        this.authority = authority;
        this.editing = editing;
        this.deletion = deletion;
        this.revisions = revisions;
    }

    @Override
    public void mount(Router router) {
        router.patch("/api/v1/posts/:id").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long postId = Forms.pathId(ctx, "id", "post");
            JsonObject body = Json.body(ctx);
            Object title = body.getValue("title");
            if (title != null && !(title instanceof String)) {
                throw new InvalidInput("title", "The title must be a string.");
            }
            Object category = body.getValue("categoryId");
            if (category != null && !(category instanceof Number)) {
                throw new InvalidInput("categoryId", "The category must be a category's id.");
            }
            Json.respond(ctx, 200, editing.edit(viewer, postId, Json.string(body, "body"), (String) title,
                    category == null ? null : ((Number) category).longValue(), Json.string(body, "reason"))
                    .compose(edited -> post(viewer, postId)));
        });
        router.delete("/api/v1/posts/:id").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long postId = Forms.pathId(ctx, "id", "post");
            Json.respond(ctx, 200, deletion.delete(viewer, postId).map(changed -> new JsonObject()
                    .put("id", changed.postId()).put("deleted", true).put("topicHidden", changed.topicHidden())));
        });
        router.post("/api/v1/posts/:id/restore").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long postId = Forms.pathId(ctx, "id", "post");
            Json.respond(ctx, 200, deletion.restore(viewer, postId).compose(changed -> post(viewer, postId)));
        });
        router.get("/api/v1/posts/:id/revisions").handler(ctx -> {
            long postId = Forms.pathId(ctx, "id", "post");
            Optional<Viewer> viewer = Viewer.of(ctx);
            Json.respond(ctx, 200, db.read(sql -> {
                PostRevisions.History history = revisions.history(sql, viewer, postId);
                JsonArray list = new JsonArray();
                history.revisions().forEach(r -> list.add(new JsonObject()
                        .put("revision", r.number())
                        .put("editor", new JsonObject().put("username", r.editorUsername())
                                .put("displayName", r.editorName()))
                        .put("editedAt", r.at().toString())
                        .put("reason", r.reason())
                        .put("previousMarkdown", r.previousMarkdown())
                        .put("previousTitle", r.previousTitle())
                        .put("diffHtml", r.diffHtml())));
                return new JsonObject().put("postId", postId).put("revisions", list);
            }));
        });
    }

    private io.vertx.core.Future<JsonObject> post(Viewer viewer, long postId) {
        return db.read(sql -> {
            TopicReader.Post post = reader.post(sql, postId);
            TopicReader.Topic topic = reader.require(sql, post.view().topicId());
            return TopicApi.post(post.shownTo(authority.moderates(viewer, topic.categoryId()), viewer.memberId()))
                    .put("topic", new JsonObject().put("id", topic.id()).put("title", topic.title())
                            .put("url", topic.path()));
        });
    }
}
