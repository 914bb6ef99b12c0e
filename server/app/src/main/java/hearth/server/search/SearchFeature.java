package hearth.server.search;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.PluginFaults;
import hearth.server.web.ClientAddresses;
import hearth.server.web.Pages;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/**
 * Site search: the page {@code /search} and {@code GET /api/v1/search}, answered by a plugin's search provider when
 * one runs, else by the core's plain search.
 */
public final class SearchFeature implements Routes {

    /** Searches a visitor who is not signed in may make a minute, from one address: people never need more; bots do. */
    static final int ANONYMOUS_PER_MINUTE = 60;

    private final SearchPage page;
    private final SearchApi api;
    private final RateLimiter anonymous;

    public SearchFeature(Database db, ActivePlugins plugins, PluginFaults faults, Pages pages, Clock clock) {
        SiteSearch search = new SiteSearch(db, plugins, faults, new PlainSearch(), SiteSearch.PROVIDER_TIMEOUT);
        this.page = new SearchPage(pages, search);
        this.api = new SearchApi(search);
        this.anonymous = new RateLimiter(ANONYMOUS_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    @Override
    public void mount(Router router) {
        router.get("/search").handler(ctx -> {
            if (allowed(ctx)) {
                page.show(ctx);
            }
        });
        router.get("/api/v1/search").handler(ctx -> {
            if (allowed(ctx)) {
                api.search(ctx);
            }
        });
    }

    /** Members search freely; anonymous visitors get a 429 beyond {@link #ANONYMOUS_PER_MINUTE} from one address. */
    private boolean allowed(RoutingContext ctx) {
        if (Viewer.of(ctx).isPresent() || anonymous.tryAcquire(ClientAddresses.of(ctx))) {
            return true;
        }
        ctx.fail(429);
        return false;
    }
}
