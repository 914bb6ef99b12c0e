package hearth.server.web;

import hearth.server.db.Database;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/** {@code GET /health}: 200 when the site can serve, 503 when its database does not answer. */
public final class HealthCheck {

    private final Database db;
    private final String version;

    public HealthCheck(Database db, String version) {
        this.db = db;
        this.version = version;
    }

    public void handle(RoutingContext ctx) {
        db.read(sql -> sql.selectOne().fetch())
                .timeout(3, TimeUnit.SECONDS)
                .onComplete(result -> {
                    boolean up = result.succeeded();
                    ctx.response()
                            .setStatusCode(up ? 200 : 503)
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                            .end(new JsonObject()
                                    .put("status", up ? "ok" : "unavailable")
                                    .put("version", version)
                                    .put("database", up ? "up" : "down")
                                    .encode());
                });
    }
}
