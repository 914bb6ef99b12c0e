package hearth.server.watching;

import hearth.api.errors.NotFound;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Notification levels: the selectors on topic and category pages (plain forms that redirect back), the API
 * ({@code PUT /api/v1/topics/{id}/notification-level}, {@code PUT /api/v1/categories/{id}/notification-level}
 * with {@code {"level": ...}}) and the member's list of choices at {@code /account/watching}.
 */
public final class WatchingFeature implements Routes {

    private final Database db;
    private final Watching watching;
    private final NotificationLevels levels;
    private final Pages pages;

    public WatchingFeature(Database db, Watching watching, NotificationLevels levels, Pages pages) {
        this.db = db;
        this.watching = watching;
        this.levels = levels;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.post("/t/:slug/:id/notification-level").handler(ctx -> back(ctx, watching.setForTopic(
                Viewer.required(ctx), Forms.pathId(ctx, "id", "topic"), Forms.field(ctx, "level"))));
        router.post("/c/:slug/notification-level").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            String level = Forms.field(ctx, "level");
            back(ctx, db.read(sql -> watching.categoryBySlug(sql, viewer, ctx.pathParam("slug"))
                            .orElseThrow(() -> new NotFound("There is no such category.")))
                    .compose(id -> watching.setForCategory(viewer, id, level)));
        });
        router.put("/api/v1/topics/:id/notification-level").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long id = Forms.pathId(ctx, "id", "topic");
            Json.respond(ctx, 200, watching.setForTopic(viewer, id, Json.string(Json.body(ctx), "level"))
                    .map(changed -> new JsonObject().put("topicId", id).put("level", changed.level().key())));
        });
        router.put("/api/v1/categories/:id/notification-level").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long id = Forms.pathId(ctx, "id", "category");
            Json.respond(ctx, 200, watching.setForCategory(viewer, id, Json.string(Json.body(ctx), "level"))
                    .map(changed -> new JsonObject().put("categoryId", id).put("level", changed.level().key())));
        });
        router.get("/account/watching").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            pages.respond(ctx, "watching", db.read(sql -> Map.of("choices",
                    levels.chosenBy(sql, viewer.memberId()))));
        });
        router.get("/api/v1/account/watching").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            Json.respond(ctx, 200, db.read(sql -> {
                List<NotificationLevels.Choice> choices = levels.chosenBy(sql, viewer.memberId());
                return new JsonObject().put("choices", new JsonArray(choices.stream().map(c -> new JsonObject()
                        .put("kind", c.kind()).put("id", c.id()).put("name", c.name()).put("url", c.url())
                        .put("level", c.level())).toList()));
            }));
        });
    }

    private static void back(RoutingContext ctx, Future<Watching.Changed> changed) {
        changed.onSuccess(done -> Pages.redirect(ctx, done.path())).onFailure(ctx::fail);
    }
}
