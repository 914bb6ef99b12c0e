package hearth.server.accounts;

import hearth.server.db.Database;
import hearth.server.web.Json;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Data rights in the API: {@code GET /api/v1/me/export} is the same document as the page's download, and
 * {@code DELETE /api/v1/me} deletes the account, confirmed like the form with {@code {"username", "password"}}.
 */
public final class DataRightsApi implements Routes {

    private final MemberExport export;
    private final AccountDeletion deletion;
    private final Authentication authentication;
    private final Database db;
    private final Clock clock;

    public DataRightsApi(MemberExport export, AccountDeletion deletion, Authentication authentication, Database db,
                         Clock clock) {
        this.export = export;
        this.deletion = deletion;
        this.authentication = authentication;
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/me/export").handler(this::export);
        router.delete("/api/v1/me").handler(this::delete);
    }

    private void export(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        db.read(sql -> export.of(sql, viewer.memberId()))
                .onSuccess(json -> DataRightsPages.sendAttachment(ctx, viewer, json.encode(), clock))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        JsonObject body = Json.body(ctx);
        deletion.delete(viewer, Json.string(body, "username"), Json.string(body, "password"))
                .onSuccess(mode -> {
                    authentication.clear(ctx);
                    Json.send(ctx, 200, new JsonObject().put("deleted", true).put("posts", mode.key()));
                })
                .onFailure(ctx::fail);
    }
}
