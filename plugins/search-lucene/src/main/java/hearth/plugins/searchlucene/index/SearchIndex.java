package hearth.plugins.searchlucene.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * The Lucene index in the plugin's data dir. Searches read the last commit through a {@link SearcherManager}; every
 * change is made with a short-lived {@link IndexWriter} under one lock, committed, and made visible at once. Holding
 * no writer between changes means no write lock outlives the plugin: disabling and enabling it again (a new class
 * loader, a new instance of this class) never meets a lock the old instance still holds. A commit carries
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

    private final Path path;
    private final Analyzer analyzer;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile FSDirectory directory;
    private volatile SearcherManager searchers;
    /** False while the index is built from nothing: searches are then left to the core's plain search. */
    private volatile boolean complete;

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
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                String schema = reader.getIndexCommit().getUserData().get(Fields.SCHEMA_KEY);
                if (!Fields.SCHEMA_VERSION.equals(schema)) {
                    return Optional.of("the index was built by another version (schema " + schema + ", this one "
                            + Fields.SCHEMA_VERSION + ")");
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) { // corrupt, truncated, too old or too new for this Lucene
            return Optional.of("the index could not be read (" + e + ")");
        }
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

    /** Applies one change and commits it; it is visible to the next search. Blocks while a rebuild runs. */
    public void change(Change change) throws IOException {
        writing.lock();
        try (IndexWriter writer = writer(IndexWriterConfig.OpenMode.APPEND)) {
            change.apply(writer);
            commit(writer);
        } finally {
            writing.unlock();
        }
        searchers.maybeRefreshBlocking();
    }

    /** Whether a change would have to wait (a rebuild holds the index). */
    public boolean busy() {
        return writing.isLocked();
    }

    /**
     * Replaces the whole index with what {@code fill} writes, in one commit: searches see the old index until the
     * new one is complete.
     */
    public void rebuild(Change fill) throws IOException {
        writing.lock();
        try (IndexWriter writer = writer(IndexWriterConfig.OpenMode.APPEND)) {
            writer.deleteAll();
            fill.apply(writer);
            commit(writer);
        } finally {
            writing.unlock();
        }
        searchers.maybeRefreshBlocking();
        complete = true;
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

    private static void commit(IndexWriter writer) throws IOException {
        writer.setLiveCommitData(Map.of(Fields.SCHEMA_KEY, Fields.SCHEMA_VERSION).entrySet());
        writer.commit();
    }
}
