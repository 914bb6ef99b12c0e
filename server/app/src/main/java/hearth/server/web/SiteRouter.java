package hearth.server.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Assembles the router: request log, health, versioned theme assets, the features' routes, then error pages. */
public final class SiteRouter {

    private static final long ASSET_MAX_AGE = Duration.ofDays(365).toSeconds();

    private final Themes themes;
    private final ErrorPages errors;
    private final HealthCheck health;
    private final List<Routes> features;
    private final Supplier<String> requestIds;

    public SiteRouter(Themes themes, ErrorPages errors, HealthCheck health, List<Routes> features,
                      Supplier<String> requestIds) {
        this.themes = themes;
        this.errors = errors;
        this.health = health;
        this.features = List.copyOf(features);
        this.requestIds = requestIds;
    }

    public Router build(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(new RequestLog(requestIds));
        router.get("/health").handler(health::handle);

        // The path carries the theme chain's fingerprint, so these files may be cached for a year.
        String assets = themes.assetPath() + "/*";
        router.route(assets).handler(ctx -> {
            ctx.response().headersEndHandler(v -> {
                if (ctx.response().getStatusCode() == 200) {
                    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + ASSET_MAX_AGE + ", immutable");
                }
            });
            ctx.next();
        });
        for (Theme theme : themes.chain()) {
            router.route(assets).handler(theme.staticFiles());
        }

        features.forEach(feature -> feature.mount(router));

        router.route().failureHandler(errors::handle);
        router.errorHandler(404, errors::handle);
        router.errorHandler(405, errors::handle);
        return router;
    }
}
