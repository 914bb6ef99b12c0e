package hearth.server.web;

import hearth.server.db.Database;
import hearth.server.db.JournalDispatcher;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 when the site can serve, 503 when its database does not answer. It also tells how far this
 * node's journal listeners are behind ({@code journal.behind}, in entries), which grows when writes outpace them.
 */
public final class HealthCheck {

    private final Database db;
    private final JournalDispatcher journal;
    private final String version;

    public HealthCheck(Database db, JournalDispatcher journal, String version) {
        this.db = db;
        this.journal = journal;
        this.version = version;
    }

    public void handle(RoutingContext ctx) {
        db.read(journal::behind)
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
                                    .put("journal", up ? new JsonObject().put("behind", result.result()) : null)
                                    .encode());
                });
    }
}
