package hearth.server.search;

import hearth.server.db.Database;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.PluginFaults;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;

/**
 * Site search: the page {@code /search} and {@code GET /api/v1/search}, answered by a plugin's search provider when
 * one runs, else by the core's plain search.
 */
public final class SearchFeature implements Routes {

    private final SearchPage page;
    private final SearchApi api;

    public SearchFeature(Database db, ActivePlugins plugins, PluginFaults faults, Pages pages) {
        SiteSearch search = new SiteSearch(db, plugins, faults, new PlainSearch(), SiteSearch.PROVIDER_TIMEOUT);
        this.page = new SearchPage(pages, search);
        this.api = new SearchApi(search);
    }

    @Override
    public void mount(Router router) {
        router.get("/search").handler(page::show);
        router.get("/api/v1/search").handler(api::search);
    }
}
