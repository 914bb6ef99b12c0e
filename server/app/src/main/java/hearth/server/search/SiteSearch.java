package hearth.server.search;

import hearth.api.search.SearchProvider;
import hearth.api.search.SearchQuery;
import hearth.api.search.SearchResults;
import hearth.server.db.Database;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.Owned;
import hearth.server.plugins.PluginFaults;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Answers the site search: the running plugins' search provider when there is one, else (and whenever the provider
 * fails) the core's {@link PlainSearch}. Never blocks the caller: the provider runs on a virtual thread of its own
 * (it may block, and must not tie up the database workers the plain search and every page need), the plain search
 * on a database worker.
 */
public final class SiteSearch {

    /** The name the API gives the core's own search. */
    public static final String CORE = "core";

    /**
     * What the search found, and who found it.
     *
     * @param results  the page of hits and the total
     * @param provider {@link #CORE} or the id of the plugin whose provider answered
     */
    public record Answer(SearchResults results, String provider) {
    }

    private final Database db;
    private final ActivePlugins plugins;
    private final PluginFaults faults;
    private final PlainSearch plain;

    public SiteSearch(Database db, ActivePlugins plugins, PluginFaults faults, PlainSearch plain) {
        this.db = db;
        this.plugins = plugins;
        this.faults = faults;
        this.plain = plain;
    }

    public Future<Answer> search(SearchQuery query) {
        Optional<Owned<SearchProvider>> provider = plugins.searchProvider();
        if (provider.isEmpty()) {
            return core(query);
        }
        Owned<SearchProvider> owned = provider.get();
        // A failure is contained and logged by PluginFaults; null (or no results at all) means: fall back.
        return onVirtualThread(() -> faults.call(owned, "search", () -> owned.value().search(query), null))
                .compose(results -> results == null ? core(query)
                        : Future.succeededFuture(new Answer(results, owned.pluginId())));
    }

    private Future<Answer> core(SearchQuery query) {
        return db.read(sql -> new Answer(plain.search(sql, query), CORE));
    }

    /**
     * Runs {@code work} on a new virtual thread; the future completes on the caller's Vert.x context (its event
     * loop), so what the caller chains runs where it expects.
     */
    private static <T> Future<T> onVirtualThread(Callable<T> work) {
        Context context = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        Thread.ofVirtual().name("hearth-search").start(() -> {
            T value;
            try {
                value = work.call();
            } catch (Throwable e) {
                complete(context, () -> promise.fail(e));
                return;
            }
            complete(context, () -> promise.complete(value));
        });
        return promise.future();
    }

    private static void complete(Context context, Runnable completion) {
        if (context == null) {
            completion.run();
        } else {
            context.runOnContext(ignored -> completion.run());
        }
    }
}
