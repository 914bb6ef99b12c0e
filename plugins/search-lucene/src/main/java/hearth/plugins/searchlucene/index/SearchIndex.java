package hearth.plugins.searchlucene.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index in the plugin's data dir. Searches read the last commit through a {@link SearcherManager}; changes
 * are made under one lock with a writer that lives only until they are committed, a moment later. Holding no writer
 * between bursts of changes means no write lock outlives the plugin for long: disabling and enabling it again (a new
 * class loader, a new instance of this class) finds the index free. A commit carries
 * {@link Fields#SCHEMA_VERSION}, so an index written by another version of the plugin is rebuilt.
 */
public final class SearchIndex {

    /** A change to the index, given the writer. */
    @FunctionalInterface
    public interface Change {
        void apply(IndexWriter writer) throws IOException;
    }

    /** A read of the index, given a searcher. */
    @FunctionalInterface
    public interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** How long changes gather before they are committed together. */
    public static final Duration COMMIT_DELAY = Duration.ofMillis(100);
    private static final String BUILT_AT_KEY = "hearth.search-lucene.built-at";
    /** Present while changes are applied but not committed. */
    private static final String UNCOMMITTED = "uncommitted.marker";
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    private final Path path;
    private final Analyzer analyzer;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile FSDirectory directory;
    private volatile SearcherManager searchers;
    /** False while the index is built from nothing: searches are then left to the core's plain search. */
    private volatile boolean complete;
    /** The writer holding changes until the next commit; guarded by {@link #writing}. */
    private IndexWriter pending;
    private volatile boolean rebuilding;
    /** When the last full rebuild started reading the core; kept in every commit. */
    private volatile Instant builtAt = Instant.EPOCH;

    public SearchIndex(Path path, Analyzer analyzer) {
        this.path = path;
        this.analyzer = analyzer;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /**
     * Opens the index on disk. Answers why it must be rebuilt (missing, unreadable, written by another schema
     * version), in which case it is now empty and not {@link #complete()}; or empty when it is ready as it is.
     */
    public Optional<String> open() throws IOException {
        // Lucene finds its codecs through ServiceLoader; the plugin's class loader is the one that sees them.
        ClassLoader plugin = SearchIndex.class.getClassLoader();
        Codec.reloadCodecs(plugin);
        PostingsFormat.reloadPostingsFormats(plugin);
        DocValuesFormat.reloadDocValuesFormats(plugin);
        KnnVectorsFormat.reloadKnnVectorsFormat(plugin);
        Files.createDirectories(path);
        directory = FSDirectory.open(path);
        Optional<String> problem = check();
        if (problem.isPresent()) {
            directory.close();
            wipe();
            directory = FSDirectory.open(path);
            try (IndexWriter writer = writer(IndexWriterConfig.OpenMode.CREATE)) {
                writer.commit(); // an empty commit without a schema version, so searchers can open
            }
        }
        searchers = new SearcherManager(directory, null);
        complete = problem.isEmpty();
        return problem;
    }

    private Optional<String> check() {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.of("there is no index yet");
            }
            if (uncommittedChanges()) {
                return Optional.of("changes were lost when the server stopped before committing them");
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                Map<String, String> data = reader.getIndexCommit().getUserData();
                String schema = data.get(Fields.SCHEMA_KEY);
                if (!Fields.SCHEMA_VERSION.equals(schema)) {
                    return Optional.of("the index was built by another version (schema " + schema + ", this one "
                            + Fields.SCHEMA_VERSION + ")");
                }
                builtAt = Instant.ofEpochMilli(Long.parseLong(data.getOrDefault(BUILT_AT_KEY, "0")));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) { // corrupt, truncated, too old or too new for this Lucene
            return Optional.of("the index could not be read (" + e + ")");
        }
    }

    /**
     * Whether the marker of uncommitted changes stays: a plugin disabled and enabled again within a moment may find
     * the old instance's marker, which its commit removes at once; only one that outlives that is a crash's.
     */
    private boolean uncommittedChanges() {
        long deadline = System.nanoTime() + COMMIT_DELAY.multipliedBy(10).toNanos();
        while (Files.exists(path.resolve(UNCOMMITTED))) {
            if (System.nanoTime() > deadline) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    private void wipe() throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(path)) {
                    Files.delete(file);
                }
            }
        }
    }

    public boolean complete() {
        return complete;
    }

    /** When the last full rebuild started: it reflects every change committed before then. */
    public Instant builtAt() {
        return builtAt;
    }

    /**
     * Applies one change. It is committed, and visible to searches, within {@link #COMMIT_DELAY} (one commit for
     * every change in that time, so catching up with a long journal does not sync the disk for each event). Until
     * then a marker file says the index has changes that are not committed: if the process dies first, the next
     * {@link #open} finds the marker and rebuilds, since the journal has moved on past them. Blocks during a rebuild.
     */
    public void change(Change change) throws IOException {
        writing.lock();
        try {
            if (pending == null) {
                Files.writeString(path.resolve(UNCOMMITTED), "changes not yet committed");
                pending = writer(IndexWriterConfig.OpenMode.APPEND);
                Thread committer = new Thread(this::commitSoon, "search-lucene-commit");
                committer.setDaemon(true);
                committer.setContextClassLoader(SearchIndex.class.getClassLoader());
                committer.start();
            }
            change.apply(pending);
        } finally {
            writing.unlock();
        }
    }

    private void commitSoon() {
        try {
            Thread.sleep(COMMIT_DELAY.toMillis());
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.error("Search index changes could not be committed; the index is rebuilt at the next start", e);
        }
    }

    /** Commits what {@link #change} applied, closes the writer (no lock outlives a burst of changes), shows it. */
    public void flush() throws IOException {
        writing.lock();
        try {
            if (!commitPending()) {
                return;
            }
        } finally {
            writing.unlock();
        }
        searchers.maybeRefreshBlocking();
    }

    /** Commits and closes the pending writer, if any; the caller holds {@link #writing}. */
    private boolean commitPending() throws IOException {
        if (pending == null) {
            return false;
        }
        try (IndexWriter writer = pending) {
            pending = null;
            commit(writer);
        }
        Files.deleteIfExists(path.resolve(UNCOMMITTED));
        return true;
    }

    /** Whether a rebuild holds the index (changes would wait for it). */
    public boolean rebuilding() {
        return rebuilding;
    }

    /**
     * Replaces the whole index with what {@code fill} writes, in one commit: searches see the old index until the
     * new one is complete. {@code startedAt} is when the rebuild began to read the core.
     */
    public void rebuild(Instant startedAt, Change fill) throws IOException {
        writing.lock();
        rebuilding = true;
        try {
            // Under the lock: a change between a flush and the lock would hold Lucene's write lock and fail the rebuild.
            commitPending();
            replace(startedAt, fill);
        } finally {
            rebuilding = false;
            writing.unlock();
        }
        searchers.maybeRefreshBlocking();
        complete = true;
    }

    private void replace(Instant startedAt, Change fill) throws IOException {
        try (IndexWriter writer = writer(IndexWriterConfig.OpenMode.APPEND)) {
            writer.deleteAll();
            fill.apply(writer);
            builtAt = startedAt;
            commit(writer);
        }
    }

    public <T> T read(Read<T> read) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return read.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    private IndexWriter writer(IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(mode).setCommitOnClose(false)
                .setRAMBufferSizeMB(64);
        return new IndexWriter(directory, config);
    }

    private void commit(IndexWriter writer) throws IOException {
        writer.setLiveCommitData(Map.of(Fields.SCHEMA_KEY, Fields.SCHEMA_VERSION,
                BUILT_AT_KEY, Long.toString(builtAt.toEpochMilli())).entrySet());
        writer.commit();
    }
}
