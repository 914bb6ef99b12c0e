package hearth.server.search;

import hearth.api.errors.InvalidInput;
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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers the site search: the running plugins' search provider when there is one, else the core's
 * {@link PlainSearch}. The core also answers whenever the provider fails: when it throws, returns null, or does not
 * answer within the timeout (each counted against the plugin in {@link PluginFaults}); a query the provider refuses
 * with {@link InvalidInput} fails the search with it instead (a 400 for the person). Never blocks the caller: the
 * provider runs on a virtual thread of its own (it may block, and must not tie up the database workers that the
 * plain search and every page need), the plain search on a database worker.
 */
public final class SiteSearch {

    /** The name the API gives the core's own search. */
    public static final String CORE = "core";
    /** How long a provider may take before the core answers instead. */
    public static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(5);

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
    private final Duration providerTimeout;

    public SiteSearch(Database db, ActivePlugins plugins, PluginFaults faults, PlainSearch plain,
                      Duration providerTimeout) {
        this.db = db;
        this.plugins = plugins;
        this.faults = faults;
        this.plain = plain;
        this.providerTimeout = providerTimeout;
    }

    public Future<Answer> search(SearchQuery query) {
        Optional<Owned<SearchProvider>> provider = plugins.searchProvider();
        if (provider.isEmpty()) {
            return core(query);
        }
        Owned<SearchProvider> owned = provider.get();
        return ask(owned, query).compose(results -> results == null ? core(query)
                : Future.succeededFuture(new Answer(results, owned.pluginId())));
    }

    private Future<Answer> core(SearchQuery query) {
        return db.read(sql -> new Answer(plain.search(sql, query), CORE));
    }

    /**
     * The provider's results, or null when it failed or took too long. The future completes on the caller's Vert.x
     * context (its event loop), so what the caller chains runs where it expects.
     */
    private Future<SearchResults> ask(Owned<SearchProvider> provider, SearchQuery query) {
        Context context = Vertx.currentContext();
        CompletableFuture<SearchResults> answer = new CompletableFuture<>();
        AtomicReference<InvalidInput> refused = new AtomicReference<>();
        Thread.ofVirtual().name("hearth-search-" + provider.pluginId()).start(() -> {
            try {
                // A query the provider cannot read is the person's mistake, not the plugin's: they are told, and
                // the core does not answer instead.
                answer.complete(faults.call(provider, "search", () -> {
                    try {
                        return provider.value().search(query);
                    } catch (InvalidInput invalid) {
                        refused.set(invalid);
                        return null;
                    }
                }, null));
            } catch (Throwable e) { // an Error PluginFaults lets through (a stack overflow, say): still contained
                faults.record(provider.pluginId(), "search", e);
                answer.complete(null);
            }
        });
        Promise<SearchResults> promise = Promise.promise();
        // A provider that overruns is left to finish on its own thread, not interrupted: an interrupt closes the
        // NIO channels it may be reading its index through (Lucene's, for one).
        answer.orTimeout(providerTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((results, failure) -> {
            Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
            if (cause instanceof TimeoutException) {
                faults.record(provider.pluginId(), "search", new TimeoutException(
                        "The search provider did not answer within " + providerTimeout.toMillis() + " ms"));
            }
            SearchResults value = cause == null ? results : null;
            Runnable complete = refused.get() != null ? () -> promise.fail(refused.get())
                    : () -> promise.complete(value);
            if (context == null) {
                complete.run();
            } else {
                context.runOnContext(ignored -> complete.run());
            }
        });
        return promise.future();
    }
}
