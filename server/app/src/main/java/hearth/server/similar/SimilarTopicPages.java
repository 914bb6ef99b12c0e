package hearth.server.similar;

import hearth.api.access.Permissions;
import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.CategoryGrants;
import hearth.server.web.ClientAddresses;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Similar topics for a title being typed: the fragment the new-topic form loads while one types
 * ({@code GET /new-topic/similar?title=}) and {@code GET /api/v1/topics/similar?title=}. Only topics the viewer may
 * see. Each keystroke pause is a query, so callers are rate limited (by member, or by address for visitors).
 */
public final class SimilarTopicPages implements Routes {

    private final Database db;
    private final Pages pages;
    private final Permissions permissions;
    private final CategoryGrants categories;
    private final SimilarTopics similar;
    private final RateLimiter lookups;

    /** @param lookups how often one member or address may ask */
    public SimilarTopicPages(Database db, Pages pages, Permissions permissions, CategoryGrants categories,
                             SimilarTopics similar, RateLimiter lookups) {
        this.db = db;
        this.pages = pages;
        this.permissions = permissions;
        this.categories = categories;
        this.similar = similar;
        this.lookups = lookups;
    }

    @Override
    public void mount(Router router) {
        router.get("/new-topic/similar").handler(ctx -> {
            if (limited(ctx)) {
                return;
            }
            pages.respond(ctx, "similar-topics", matches(ctx).map(found -> Map.of("similar", found)));
        });
        router.get("/api/v1/topics/similar").handler(ctx -> {
            if (limited(ctx)) {
                return;
            }
            Json.respond(ctx, 200, matches(ctx).map(found -> new JsonObject().put("topics", new JsonArray(
                    found.stream().map(m -> new JsonObject().put("id", m.id()).put("title", m.title())
                            .put("url", m.url()).put("sharedWords", m.shared())).toList()))));
        });
    }

    private Future<List<SimilarTopics.Match>> matches(RoutingContext ctx) {
        String title = ctx.request().getParam("title");
        String typed = title == null ? "" : title.length() > 200 ? title.substring(0, 200) : title;
        Optional<MemberView> viewer = Viewer.of(ctx).map(Viewer::asMemberView);
        if (SimilarTopics.significantWords(typed).isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return db.read(sql -> similar.find(sql, typed, categories.visibleTo(sql, permissions, viewer)));
    }

    /** Answers 429 when the caller asked too often. */
    private boolean limited(RoutingContext ctx) {
        String key = Viewer.of(ctx).map(v -> "member:" + v.memberId())
                .orElseGet(() -> "address:" + ClientAddresses.of(ctx));
        if (lookups.tryAcquire(key)) {
            return false;
        }
        ctx.fail(429);
        return true;
    }
}
