package hearth.plugins.searchlucene;

import hearth.api.Contributions;
import hearth.api.HearthExtension;
import hearth.api.PluginContext;
import hearth.api.access.Role;
import hearth.plugins.searchlucene.admin.AdminPages;
import hearth.plugins.searchlucene.index.Indexer;
import hearth.plugins.searchlucene.index.JournalFollower;
import hearth.plugins.searchlucene.index.ReindexCommand;
import hearth.plugins.searchlucene.index.Rebuilds;
import hearth.plugins.searchlucene.index.SearchAnalyzer;
import hearth.plugins.searchlucene.index.SearchIndex;
import hearth.plugins.searchlucene.log.SearchLog;
import hearth.plugins.searchlucene.query.IndexSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The plugin's manifest: a Lucene index in the plugin's data dir, kept current from the journal and rebuilt when it
 * is missing, unreadable or of another version; the site search answered from it; the admin section with the rebuild
 * button and the search log.
 */
@Extension
public final class SearchLucene implements HearthExtension {

    /** How long the search log keeps a search. */
    static final Duration KEEP_LOG = Duration.ofDays(365);

    @Override
    public void contribute(Contributions site) {
        PluginContext context = site.context();
        SearchIndex index = new SearchIndex(context.dataDir().resolve("index"), new SearchAnalyzer());
        Indexer indexer = new Indexer(index, context.searchSource(), context.topics());
        Rebuilds rebuilds = new Rebuilds(indexer, context.clock());
        SearchLog log = new SearchLog(context.database(), context.clock());

        site.warmUp(() -> {
            try {
                // A missing, unreadable or outdated index is rebuilt in the background; the core answers meanwhile.
                index.open().ifPresent(rebuilds::start);
            } catch (IOException e) {
                throw new UncheckedIOException("The search index in " + context.dataDir() + " cannot be opened", e);
            }
        });
        site.listener("index", new JournalFollower(index, indexer, rebuilds));
        site.searchProvider(new IndexSearch(index, context.topics(), context.permissions(), log, context.clock()));
        site.permission(AdminPages.READ_LOG, "Read the search log: top searches and searches that found nothing",
                Role.MODERATOR);
        AdminPages.contribute(site, rebuilds, log);
        site.task("prune-search-log", Duration.ofDays(1), () -> log.prune(KEEP_LOG));
        site.command("reindex", "Rebuild the search index, showing progress", new ReindexCommand(rebuilds));
    }
}
