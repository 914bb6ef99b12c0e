package hearth.server.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Assembles the router: request log, health, versioned theme assets, the per-request handlers, the features' routes,
 * then error pages.
 */
public final class SiteRouter {

    private final ErrorPages errors;
    private final HealthCheck health;
    private final Optional<Handler<RoutingContext>> metrics;
    private final List<Handler<RoutingContext>> perRequest;
    private final List<Routes> features;
    private final Supplier<String> requestIds;
    private final Clock clock;
    private final BiConsumer<RoutingContext, Instant> finished;
    private final ClientAddresses clients;
    private final ThemeAssets assets;

    /**
     * @param perRequest handlers every page and API request passes before the features' routes (body parsing, CSRF,
     *                   authentication), in order; health checks and assets skip them
     * @param finished   told of every request after its response (request observers); must return at once
     */
    public SiteRouter(SiteThemes themes, ErrorPages errors, HealthCheck health,
                      Optional<Handler<RoutingContext>> metrics, List<Handler<RoutingContext>> perRequest,
                      List<Routes> features, Supplier<String> requestIds, ClassLoader classes, Clock clock,
                      BiConsumer<RoutingContext, Instant> finished, ClientAddresses clients) {
        this.clock = clock;
        this.clients = clients;
        this.finished = finished;
        this.perRequest = List.copyOf(perRequest);
        this.errors = errors;
        this.health = health;
        this.metrics = metrics;
        this.features = List.copyOf(features);
        this.requestIds = requestIds;
        this.assets = new ThemeAssets(themes, classes); // one cache for all server instances
    }

    public Router build(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(new RequestLog(requestIds, clock, finished, clients));
        router.get("/health").handler(health::handle);
        metrics.ifPresent(handler -> router.get("/metrics").handler(handler));

        router.get(assets.route()).handler(assets);

        perRequest.forEach(handler -> router.route().handler(handler));
        features.forEach(feature -> feature.mount(router));

        router.route().failureHandler(errors::handle);
        router.errorHandler(404, errors::handle);
        router.errorHandler(405, errors::handle);
        return router;
    }
}
