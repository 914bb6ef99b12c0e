package hearth.server.discussions;

import static hearth.server.db.schema.tables.Posts.POSTS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
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
import java.util.Optional;

/**
 * A post's own addresses: {@code /p/<id>} leads to it on its topic page; liking it ({@code POST /p/<id>/like} and the
 * API) and who liked it.
 */
public final class LikePages implements Routes {

    private final Database db;
    private final Likes likes;
    private final TopicReader reader;
    private final Pages pages;
    private final Permissions permissions;

    public LikePages(Database db, Likes likes, TopicReader reader, Pages pages, Permissions permissions) {
        this.db = db;
        this.likes = likes;
        this.reader = reader;
        this.pages = pages;
        this.permissions = permissions;
    }

    @Override
    public void mount(Router router) {
        router.post("/p/:id/like").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long postId = Forms.pathId(ctx, "id", "post");
            if (ctx.request().getHeader("HX-Request") != null) {
                // The like button (htmx) has already flipped; the event with the true state confirms or corrects it.
                likes.set(viewer, postId, Forms.checked(ctx, "like"))
                        .onSuccess(count -> ctx.response().setStatusCode(204).putHeader("HX-Trigger",
                                new JsonObject().put("hearth:liked", new JsonObject().put("postId", count.postId())
                                        .put("likes", count.likes()).put("liked", count.likedByViewer())).encode())
                                .end())
                        .onFailure(ctx::fail);
                return;
            }
            likes.set(viewer, postId, Forms.checked(ctx, "like"))
                    .compose(count -> db.read(sql -> where(sql, Optional.of(viewer), postId)))
                    .onSuccess(location -> Pages.redirect(ctx, location))
                    .onFailure(ctx::fail);
        });
        router.get("/p/:id").handler(ctx -> {
            long postId = Forms.pathId(ctx, "id", "post");
            Optional<Viewer> viewer = Viewer.of(ctx);
            db.read(sql -> where(sql, viewer, postId)).onSuccess(location -> Pages.redirect(ctx, location))
                    .onFailure(ctx::fail);
        });
        router.get("/p/:id/likes").handler(ctx -> {
            long postId = Forms.pathId(ctx, "id", "post");
            Optional<Viewer> viewer = Viewer.of(ctx);
            pages.respond(ctx, "likes", db.read(sql -> Map.of("post", where(sql, viewer, postId),
                    "likers", likes.who(sql, postId))));
        });
        router.post("/api/v1/posts/:id/like").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            Object liked = Json.body(ctx).getValue("liked");
            if (!(liked instanceof Boolean)) {
                throw new InvalidInput("liked", "Say \"liked\": true or false.");
            }
            Json.respond(ctx, 200, likes.set(viewer, Forms.pathId(ctx, "id", "post"), (Boolean) liked)
                    .map(count -> new JsonObject().put("postId", count.postId()).put("likes", count.likes())
                            .put("liked", count.likedByViewer())));
        });
        router.get("/api/v1/posts/:id/likes").handler(ctx -> {
            long postId = Forms.pathId(ctx, "id", "post");
            Optional<Viewer> viewer = Viewer.of(ctx);
            Json.respond(ctx, 200, db.read(sql -> {
                where(sql, viewer, postId);
                return new JsonObject().put("likes", new JsonArray(likes.who(sql, postId).stream()
                        .map(liker -> new JsonObject(new java.util.HashMap<String, Object>(liker))).toList()));
            }));
        });
    }

    /** The post's place on its topic page; a post whose topic the viewer may not see is reported missing. */
    private String where(org.jooq.DSLContext sql, Optional<Viewer> viewer, long postId) {
        var post = sql.select(POSTS.TOPIC_ID, POSTS.POST_NUMBER).from(POSTS).where(POSTS.ID.eq(postId))
                .fetchOptional().orElseThrow(() -> new NotFound("There is no such post."));
        TopicReader.Topic topic = reader.require(sql, post.value1());
        if (!permissions.allows(viewer.map(Viewer::asMemberView), DiscussionPermissions.SEE,
                Scope.category(topic.categoryId()))) {
            throw new NotFound("There is no such post.");
        }
        return topic.path() + "?page=" + reader.pageOf(sql, topic.id(), post.value2()) + "#post-" + post.value2();
    }
}
