package hearth.server.notifications;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** A member's notifications: {@code /notifications} and {@code /api/v1/notifications}, newest first, 50 a page. */
public final class NotificationPages implements Routes {

    private final Database db;
    private final MemberNotifications notifications;
    private final Pages pages;

    public NotificationPages(Database db, MemberNotifications notifications, Pages pages) {
        this.db = db;
        this.notifications = notifications;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/notifications").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            int page = page(ctx);
            pages.respond(ctx, "notifications", db.read(sql -> Map.of(
                    "notifications", notifications.list(sql, viewer.memberId(), page), "page", page)));
        });
        router.post("/notifications/read").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long id = id(ctx.request().getFormAttribute("id"));
            db.write(tx -> {
                notifications.markRead(tx.sql(), viewer.memberId(), id);
                return null;
            }).onSuccess(done -> Pages.redirect(ctx, "/notifications")).onFailure(ctx::fail);
        });
        router.get("/api/v1/notifications").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            int page = page(ctx);
            Json.respond(ctx, 200, db.read(sql -> new JsonObject()
                    .put("unread", notifications.unread(sql, viewer.memberId()))
                    .put("notifications", new JsonArray(notifications.list(sql, viewer.memberId(), page).stream()
                            .map(n -> new JsonObject().put("id", n.id()).put("kind", n.kind())
                                    .put("title", n.title()).put("url", n.url())
                                    .put("createdAt", n.createdAt().toString()).put("read", n.read()))
                            .toList()))));
        });
        router.post("/api/v1/notifications/read").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long id = id(ctx.body().available() ? Json.body(ctx).getValue("id") : null);
            db.write(tx -> {
                notifications.markRead(tx.sql(), viewer.memberId(), id);
                return null;
            }).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
        });
    }

    /** A notification id, or 0 (all) when absent. */
    private static long id(Object given) {
        if (given == null || given.toString().isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(given.toString());
        } catch (NumberFormatException e) {
            throw new hearth.api.errors.InvalidInput("id", "Give the id of a notification, or none for all.");
        }
    }

    private static int page(RoutingContext ctx) {
        String page = ctx.request().getParam("page");
        try {
            return page == null ? 1 : Math.max(1, Math.min(1000, Integer.parseInt(page)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
