package hearth.server.discussions;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Map;

/** Bookmarks: the buttons under posts, the member's list at {@code /bookmarks}, and the API. */
public final class BookmarkPages implements Routes {

    private final Database db;
    private final Bookmarks bookmarks;
    private final Pages pages;

    public BookmarkPages(Database db, Bookmarks bookmarks, Pages pages) {
        this.db = db;
        this.bookmarks = bookmarks;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/bookmarks").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            pages.respond(ctx, "bookmarks", db.read(sql -> Map.of("bookmarks", bookmarks.list(sql, viewer))));
        });
        router.post("/p/:id/bookmark").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long postId = Forms.pathId(ctx, "id", "post");
            bookmarks.save(viewer, postId, Forms.field(ctx, "note"), Forms.field(ctx, "remindIn"))
                    .onSuccess(done -> Pages.redirect(ctx, "/p/" + postId)).onFailure(ctx::fail);
        });
        router.post("/p/:id/unbookmark").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long postId = Forms.pathId(ctx, "id", "post");
            bookmarks.remove(viewer, postId).onSuccess(done -> Pages.redirect(ctx, "/p/" + postId))
                    .onFailure(ctx::fail);
        });
        router.get("/api/v1/bookmarks").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            Json.respond(ctx, 200, db.read(sql -> new JsonObject().put("bookmarks", new JsonArray(
                    bookmarks.list(sql, viewer).stream().map(b -> new JsonObject().put("postId", b.postId())
                            .put("url", b.url()).put("topicTitle", b.topicTitle()).put("postNumber", b.postNumber())
                            .put("note", b.note())
                            .put("remindAt", b.remindAt() == null ? null : b.remindAt().toString())
                            .put("createdAt", b.createdAt().toString())).toList()))));
        });
        router.put("/api/v1/posts/:id/bookmark").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            JsonObject body = Json.body(ctx);
            bookmarks.save(viewer, Forms.pathId(ctx, "id", "post"), Json.string(body, "note"),
                    Json.string(body, "remindIn")).onSuccess(done -> ctx.response().setStatusCode(204).end())
                    .onFailure(ctx::fail);
        });
        router.delete("/api/v1/posts/:id/bookmark").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            bookmarks.remove(viewer, Forms.pathId(ctx, "id", "post"))
                    .onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
        });
    }
}
