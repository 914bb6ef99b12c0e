package hearth.plugins.searchlucene.index;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full rebuilds, one at a time, on a thread of their own; the admin page shows their progress. A rebuild runs when
 * an admin asks, when the index is missing, unreadable or of another version at start, and when a category is
 * deleted.
 */
public final class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    /**
     * The last (or running) rebuild.
     *
     * @param running    whether it is still going
     * @param reason     why it was started
     * @param counts     documents written so far, by type, in the order they are written
     * @param startedAt  when it started; null before the first one
     * @param finishedAt when it ended; null while running
     * @param error      why it failed, or null
     */
    public record Status(boolean running, String reason, Map<String, Integer> counts, Instant startedAt,
                         Instant finishedAt, String error) {

        public Status {
            counts = Map.copyOf(counts);
        }

        /** The counts in the order they were written (topics, posts, members, events). */
        public Map<String, Integer> orderedCounts() {
            Map<String, Integer> ordered = new LinkedHashMap<>();
            for (String type : new String[] {"topic", "post", "member", "event"}) {
                if (counts.containsKey(type)) {
                    ordered.put(type, counts.get(type));
                }
            }
            return ordered;
        }
    }

    private final Indexer indexer;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Status status = new Status(false, "", Map.of(), null, null, null);

    public Rebuilds(Indexer indexer, Clock clock) {
        this.indexer = indexer;
        this.clock = clock;
    }

    public Status status() {
        return status;
    }

    /** Starts a rebuild in the background; false when one is already running. */
    public boolean start(String reason) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        Instant started = begin(reason);
        ClassLoader plugin = Rebuilds.class.getClassLoader();
        Thread thread = new Thread(() -> run(reason, started), "search-lucene-rebuild");
        // Lucene looks up codecs through the context class loader's services: make it the plugin's.
        thread.setContextClassLoader(plugin);
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** Starts a rebuild because a category was deleted. */
    public boolean start() {
        return start("a category was deleted");
    }

    /** Shows the rebuild as running from now, before its thread starts, so nobody reads the previous one's end. */
    private Instant begin(String reason) {
        Instant started = clock.instant();
        status = new Status(true, reason, Map.of(), started, null, null);
        return started;
    }

    private void run(String reason, Instant started) {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        try {
            indexer.rebuild(started, (type, count) -> {
                counts.put(type, count);
                status = new Status(true, reason, counts, started, null, null);
            });
            status = new Status(false, reason, counts, started, clock.instant(), null);
            log.info("Search index rebuilt ({}): {}", reason, counts);
        } catch (Exception | LinkageError e) {
            status = new Status(false, reason, counts, started, clock.instant(), e.toString());
            log.error("Search index rebuild failed ({})", reason, e);
        } finally {
            running.set(false);
        }
    }
}
