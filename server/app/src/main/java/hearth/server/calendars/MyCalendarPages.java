package hearth.server.calendars;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A member's own calendar feed: {@code /my/calendar} shows whether it is on and makes a new secret address (shown
 * once: only its hash is kept) or turns it off; {@code GET/POST/DELETE /api/v1/me/calendar-token} do the same for
 * programs.
 */
public final class MyCalendarPages implements Routes {

    private final Database db;
    private final FeedTokens tokens;
    private final Pages pages;
    private final String base;

    MyCalendarPages(Database db, FeedTokens tokens, Pages pages, URI baseUrl) {
        this.db = db;
        this.tokens = tokens;
        this.pages = pages;
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void mount(Router router) {
        router.get("/my/calendar").handler(ctx -> page(ctx, null));
        router.post("/my/calendar/token").handler(ctx -> {
            long member = Viewer.required(ctx).memberId();
            db.write(tx -> tokens.replace(tx, member)).onSuccess(token -> page(ctx, feedUrl(token)))
                    .onFailure(ctx::fail);
        });
        router.post("/my/calendar/revoke").handler(ctx -> {
            long member = Viewer.required(ctx).memberId();
            db.write(tx -> FeedTokens.revoke(tx.sql(), member))
                    .onSuccess(done -> Pages.redirect(ctx, "/my/calendar?revoked=1")).onFailure(ctx::fail);
        });
        router.get("/api/v1/me/calendar-token").handler(ctx -> {
            long member = Viewer.required(ctx).memberId();
            Json.respond(ctx, 200, db.read(sql -> FeedTokens.createdAt(sql, member)).map(created -> new JsonObject()
                    .put("active", created.isPresent())
                    .put("createdAt", created.map(Object::toString).orElse(null))));
        });
        router.post("/api/v1/me/calendar-token").handler(ctx -> {
            long member = Viewer.required(ctx).memberId();
            Json.respond(ctx, 201, db.write(tx -> tokens.replace(tx, member))
                    .map(token -> new JsonObject().put("url", feedUrl(token))));
        });
        router.delete("/api/v1/me/calendar-token").handler(ctx -> {
            long member = Viewer.required(ctx).memberId();
            Json.respond(ctx, 200, db.write(tx -> FeedTokens.revoke(tx.sql(), member))
                    .map(revoked -> new JsonObject().put("revoked", revoked)));
        });
    }

    /** The page; {@code newUrl} is the address just made, shown this once. */
    private void page(RoutingContext ctx, String newUrl) {
        long member = Viewer.required(ctx).memberId();
        boolean revoked = newUrl == null && "1".equals(ctx.request().getParam("revoked"));
        pages.respond(ctx, "my-calendar", db.read(sql -> FeedTokens.createdAt(sql, member)).map(created -> {
            Map<String, Object> model = new HashMap<>();
            model.put("active", created.isPresent());
            created.ifPresent(at -> model.put("createdAt", at));
            if (newUrl != null) {
                model.put("newUrl", newUrl);
            }
            model.put("revoked", revoked);
            model.put("publicUrl", base + "/events/calendar.ics");
            return model;
        }));
    }

    private String feedUrl(String token) {
        return base + "/calendar/" + token + ".ics";
    }
}
