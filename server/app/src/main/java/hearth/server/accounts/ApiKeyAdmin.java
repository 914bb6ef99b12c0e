package hearth.server.accounts;

import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.api.errors.InvalidInput;
import hearth.server.web.Json;
import hearth.api.errors.NotFound;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;

/**
 * Managing API keys, for admins only: the page {@code /admin/api} (list, create, revoke) and the same in JSON under
 * {@code /api/v1/admin/api-keys}. A new key is in the one response that creates it and nowhere else.
 */
public final class ApiKeyAdmin implements Routes {

    private final ApiKeys apiKeys;
    private final Database db;
    private final Pages pages;

    public ApiKeyAdmin(ApiKeys apiKeys, Database db, Pages pages) {
        this.apiKeys = apiKeys;
        this.db = db;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/api").handler(this::page);
        router.post("/admin/api/keys").handler(this::createOnPage);
        router.post("/admin/api/keys/:id/revoke").handler(this::revokeOnPage);
        router.get("/api/v1/admin/api-keys").handler(this::list);
        router.post("/api/v1/admin/api-keys").handler(this::create);
        router.delete("/api/v1/admin/api-keys/:id").handler(this::revoke);
    }

    private static Viewer admin(RoutingContext ctx) {
        return Viewer.requiredAdmin(ctx, "Only admins can manage API keys.");
    }

    // The page.

    private void page(RoutingContext ctx) {
        admin(ctx);
        db.read(apiKeys::list)
                .onSuccess(keys -> send(ctx, 200, Map.of("keys", keys, "scope", "read")))
                .onFailure(ctx::fail);
    }

    private void createOnPage(RoutingContext ctx) {
        Viewer viewer = admin(ctx);
        String name = Forms.field(ctx, "name");
        String user = Forms.field(ctx, "user");
        String scope = Forms.field(ctx, "scope");
        db.write(tx -> {
            ApiKeys.Created created = apiKeys.create(tx, name, user, ApiKeyScope.parse(scope), viewer.memberId());
            return Map.of("created", created, "keys", apiKeys.list(tx.sql()), "scope", "read");
        }).onSuccess(model -> send(ctx, 200, model)).onFailure(failure -> {
            if (!(failure instanceof InvalidInput invalid)) {
                ctx.fail(failure);
                return;
            }
            db.read(apiKeys::list).onSuccess(keys -> send(ctx, 400, Map.of("keys", keys, "name", name, "user", user,
                    "scope", scope, "errors", invalid.errors()))).onFailure(ctx::fail);
        });
    }

    private void revokeOnPage(RoutingContext ctx) {
        admin(ctx);
        long id = id(ctx);
        db.write(tx -> apiKeys.revoke(tx, id)).onSuccess(revoked -> {
            if (revoked) {
                Pages.redirect(ctx, "/admin/api");
            } else {
                ctx.fail(new NotFound("That API key does not exist or is already revoked."));
            }
        }).onFailure(ctx::fail);
    }

    /** The page may hold a new key: never stored by a cache. */
    private void send(RoutingContext ctx, int status, Map<String, ?> model) {
        String html = pages.render(ctx, "admin-api", model);
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(html);
    }

    // The JSON API.

    private void list(RoutingContext ctx) {
        admin(ctx);
        Json.respond(ctx, 200, db.read(sql -> {
            JsonArray keys = new JsonArray();
            apiKeys.list(sql).forEach(k -> keys.add(new JsonObject()
                    .put("id", k.id())
                    .put("name", k.name())
                    .put("user", k.owner())
                    .put("scope", k.scope().id())
                    .put("createdAt", time(k.createdAt()))
                    .put("createdBy", k.createdBy())
                    .put("lastUsedAt", time(k.lastUsedAt()))
                    .put("revokedAt", time(k.revokedAt()))));
            return new JsonObject().put("keys", keys);
        }));
    }

    private void create(RoutingContext ctx) {
        Viewer viewer = admin(ctx);
        JsonObject body = Json.body(ctx);
        ApiKeyScope scope = ApiKeyScope.parse(Json.string(body, "scope"));
        Json.respond(ctx, 201, db.write(tx -> {
            ApiKeys.Created created = apiKeys.create(tx, Json.string(body, "name"), Json.string(body, "user"), scope,
                    viewer.memberId());
            return new JsonObject()
                    .put("id", created.id())
                    .put("name", created.name())
                    .put("user", created.owner())
                    .put("scope", created.scope().id())
                    .put("key", created.key());
        }));
    }

    private void revoke(RoutingContext ctx) {
        admin(ctx);
        long id = id(ctx);
        db.write(tx -> apiKeys.revoke(tx, id)).onSuccess(revoked -> {
            if (revoked) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.fail(new NotFound("There is no such API key, or it is already revoked."));
            }
        }).onFailure(ctx::fail);
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFound("There is no such API key.");
        }
    }


    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
