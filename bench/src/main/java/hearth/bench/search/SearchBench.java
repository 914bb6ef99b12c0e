package hearth.bench.search;

import hearth.api.access.PermissionInfo;
import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.data.PluginDatabase;
import hearth.api.data.PluginTransaction;
import hearth.api.search.SearchQuery;
import hearth.api.search.SearchResults;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.api.views.Topics;
import hearth.plugins.searchlucene.index.Indexer;
import hearth.plugins.searchlucene.index.SearchAnalyzer;
import hearth.plugins.searchlucene.index.SearchIndex;
import hearth.plugins.searchlucene.log.SearchLog;
import hearth.plugins.searchlucene.query.IndexSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * The search-lucene plugin's own code, without the server: a full rebuild over a generated community (documents a
 * second, generation left out) and the latency of typical searches (p50/p95/p99) as the site search runs them.
 * {@code bench/search.sh --posts 100000}; writes {@code bench/results/<time>-search-<posts>.md}. See
 * docs/performance.md.
 */
public final class SearchBench {

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        long posts = option(args, "--posts", 100_000);
        int queries = (int) option(args, "--queries", 2_000);
        long seed = option(args, "--seed", 42);
        Path dir = Path.of("bench/work/search-" + posts);
        delete(dir);
        Files.createDirectories(dir);

        GeneratedSource source = new GeneratedSource(posts, seed);
        SearchIndex index = new SearchIndex(dir.resolve("index"), new SearchAnalyzer());
        index.open();
        Indexer indexer = new Indexer(index, source, new Categories());
        long began = System.nanoTime();
        indexer.rebuild(Instant.now(), (type, count) -> {
            if (count > 0 && count % 50_000 == 0) {
                System.out.printf("  %s: %,d%n", type, count);
            }
        });
        Duration total = Duration.ofNanos(System.nanoTime() - began);
        Duration indexing = total.minus(source.generating());
        long documents = posts + source.topicCount() + Math.max(10, posts / 50);
        double perSecond = documents / (indexing.toNanos() / 1e9);
        long bytes = size(dir.resolve("index"));

        IndexSearch search = new IndexSearch(index, new Categories(), new EveryoneReadsAll(),
                new SearchLog(new NoLog(), Clock.systemUTC()), Clock.systemUTC());
        List<String> mix = queryMix(source, seed);
        for (int i = 0; i < 300; i++) { // warm-up: JIT and the OS page cache
            search.search(new SearchQuery(mix.get(i % mix.size()), Optional.empty(), 0, 20));
        }
        long[] nanos = new long[queries];
        long hits = 0;
        for (int i = 0; i < queries; i++) {
            String q = mix.get(i % mix.size());
            long t = System.nanoTime();
            SearchResults results = search.search(new SearchQuery(q, Optional.empty(), 0, 20));
            nanos[i] = System.nanoTime() - t;
            hits += results.total();
        }
        Arrays.sort(nanos);
        String report = String.format("""
                # Search benchmark: %,d posts

                Run %s on %d cores, Java %s, Lucene index of the search-lucene plugin (no server, no database).

                | Measure | Value |
                |---|---|
                | documents indexed (posts, topics, members) | %,d |
                | full rebuild, generation left out | %.1f s (%,.0f documents/s) |
                | generating the text (not counted) | %.1f s |
                | index size | %,.1f MB |
                | searches measured (after 300 warm-up) | %,d, mean %.0f hits |
                | latency p50 | %.2f ms |
                | latency p95 | %.2f ms |
                | latency p99 | %.2f ms |
                | latency max | %.2f ms |

                Queries: one and two words, a phrase, a filter (tag:, #category, status:), order:latest, and a typo
                (which triggers the fuzzy retry and "did you mean"), in turn; 20 hits a page with snippets.
                """, posts, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), documents, indexing.toMillis() / 1e3,
                perSecond, source.generating().toMillis() / 1e3, bytes / 1e6, queries, (double) hits / queries,
                percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99), nanos[nanos.length - 1] / 1e6);
        System.out.println(report);
        Path results = Path.of("bench/results");
        Files.createDirectories(results);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Files.writeString(results.resolve(stamp + "-search-" + posts + ".md"), report);
        delete(dir);
    }

    private static List<String> queryMix(GeneratedSource source, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> mix = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String[] words = source.topicEntry(1 + random.nextLong(source.topicCount())).topic().title()
                    .replaceAll("[^\\p{L} ]", "").split(" +");
            String a = words[words.length - 1];
            String b = words[Math.max(0, words.length - 2)];
            mix.add(a);
            mix.add(b + " " + a);
            mix.add("\"" + b + " " + a + "\"");
            mix.add(a + " tag:" + GeneratedSource.TAGS.get(random.nextInt(GeneratedSource.TAGS.size())));
            mix.add(a + " #help status:solved");
            mix.add(a + " order:latest");
            mix.add(a.length() > 4 ? a.substring(0, 2) + a.charAt(3) + a.charAt(2) + a.substring(4) : a + "x");
        }
        return mix;
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static long option(String[] args, String name, long fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** The generated categories; the index reads nothing else from {@link Topics}. */
    private static final class Categories implements Topics {

        @Override
        public List<CategoryView> categories() {
            return GeneratedSource.CATEGORIES;
        }

        @Override
        public Optional<TopicView> topic(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PostView> post(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PostView> posts(long topicId, int fromNumber, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PostView> postsBy(long memberId, int limit) {
            throw new UnsupportedOperationException();
        }
    }

    /** An anonymous visitor who may read every category but the staff one, as on a typical site. */
    private static final class EveryoneReadsAll implements Permissions {
        @Override
        public boolean allows(Optional<MemberView> member, String permission, Scope scope) {
            return scope.id() != 6;
        }

        @Override
        public List<PermissionInfo> catalogue() {
            return List.of();
        }
    }

    /** The search log is not measured: its inserts are dropped. */
    private static final class NoLog implements PluginDatabase {
        @Override
        public <T> T read(Function<DSLContext, T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T write(Function<DSLContext, T> work) {
            return null;
        }

        @Override
        public <T> T transaction(Function<PluginTransaction, T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String table(String name) {
            return "search_lucene_" + name;
        }
    }
}
