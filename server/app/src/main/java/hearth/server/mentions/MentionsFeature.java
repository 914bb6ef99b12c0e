package hearth.server.mentions;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Json;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/**
 * The member suggestions behind "@" in the composers: {@code GET /api/v1/members/autocomplete?q=<prefix>}, for
 * signed-in members only (it lists who is here) and rate limited per member, since every keystroke may ask.
 */
public final class MentionsFeature implements Routes {

    /** Generous for typing (a request per keystroke or two), tight enough to make harvesting names slow. */
    static final int REQUESTS_PER_MINUTE = 60;

    private final Database db;
    private final MemberAutocomplete autocomplete = new MemberAutocomplete();
    private final RateLimiter requests;

    public MentionsFeature(Database db, Clock clock) {
        this.db = db;
        this.requests = new RateLimiter(REQUESTS_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/members/autocomplete").handler(this::suggest);
    }

    private void suggest(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        if (!requests.tryAcquire("member:" + viewer.memberId())) {
            ctx.fail(429);
            return;
        }
        String q = ctx.queryParam("q").isEmpty() ? "" : ctx.queryParam("q").getFirst();
        Json.respond(ctx, 200, db.read(sql -> {
            JsonArray members = new JsonArray();
            autocomplete.suggest(sql, q, viewer.isStaff()).forEach(s -> members.add(new JsonObject()
                    .put("id", s.id()).put("username", s.username()).put("displayName", s.displayName())));
            return new JsonObject().put("members", members);
        }));
    }
}
