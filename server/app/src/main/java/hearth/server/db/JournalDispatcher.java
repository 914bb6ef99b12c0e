package hearth.server.db;

import static hearth.server.db.schema.tables.JournalCursors.JOURNAL_CURSORS;
import static hearth.server.db.schema.tables.JournalHead.JOURNAL_HEAD;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed journal entries to listeners. Each listener has its own virtual thread and its own cursor in
 * {@code journal_cursors}, advanced after each entry it handled: after a crash or restart it resumes where it
 * stopped (at least once), and a listener that throws is retried with growing back-off without holding up the
 * others or any request.
 */
public final class JournalDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalDispatcher.class);
    private static final int BATCH = 200;

    /** How long to wait between attempts; {@code poll} is how often to look for entries committed by other nodes. */
    public record Timing(Duration poll, Duration firstRetry, Duration maxRetry) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofMinutes(5));
    }

    private final Database db;
    private final Clock clock;
    private final Timing timing;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    public JournalDispatcher(Database db, Clock clock, Timing timing) {
        this.db = db;
        this.clock = clock;
        this.timing = timing;
    }

    /** Starts delivering to {@code listener} from its stored cursor (from the beginning the first time). */
    public void subscribe(String listenerId, EventListener listener) {
        start(new Subscription(listenerId, listener, true));
    }

    /**
     * Delivers to {@code listener} what commits from now on, keeping its position in memory only: for listeners
     * that act on the present (live updates to open pages) and have nothing to catch up after a restart. Each
     * node follows on its own, so every node sees every entry, including those other nodes committed.
     */
    public void follow(String listenerId, EventListener listener) {
        start(new Subscription(listenerId, listener, false));
    }

    private void start(Subscription subscription) {
        String listenerId = subscription.id;
        if (subscriptions.putIfAbsent(listenerId, subscription) != null) {
            throw new IllegalArgumentException("A journal listener named " + listenerId + " is already subscribed");
        }
        subscription.thread = Thread.ofVirtual().name("journal-" + listenerId).start(subscription::run);
    }

    /**
     * How many journal entries the slowest durable listener on this node has still to handle (0 when all are caught
     * up): the figure that shows whether derived work (notifications, plugins' indexes) keeps pace with writes.
     */
    public long behind(DSLContext sql) {
        List<String> durable = subscriptions.values().stream().filter(s -> s.durable).map(s -> s.id).toList();
        long head = sql.select(JOURNAL_HEAD.LAST_POSITION).from(JOURNAL_HEAD).where(JOURNAL_HEAD.ID.eq(1))
                .fetchSingle().value1();
        if (durable.isEmpty()) {
            return 0;
        }
        Long slowest = sql.select(DSL.min(JOURNAL_CURSORS.POSITION)).from(JOURNAL_CURSORS)
                .where(JOURNAL_CURSORS.LISTENER_ID.in(durable)).fetchSingle().value1();
        return slowest == null ? head : head - slowest;
    }

    /** How many journal entries each durable listener on this node has still to handle, by listener id. */
    public Map<String, Long> lagByListener(DSLContext sql) {
        List<String> durable = subscriptions.values().stream().filter(s -> s.durable).map(s -> s.id).toList();
        long head = sql.select(JOURNAL_HEAD.LAST_POSITION).from(JOURNAL_HEAD).where(JOURNAL_HEAD.ID.eq(1))
                .fetchSingle().value1();
        Map<String, Long> lag = new TreeMap<>();
        durable.forEach(id -> lag.put(id, head));
        sql.select(JOURNAL_CURSORS.LISTENER_ID, JOURNAL_CURSORS.POSITION).from(JOURNAL_CURSORS)
                .where(JOURNAL_CURSORS.LISTENER_ID.in(durable))
                .forEach(r -> lag.put(r.value1(), head - r.value2()));
        return lag;
    }

    /** Stops delivering to a listener; its cursor stays, so a later subscribe catches up. */
    public void unsubscribe(String listenerId) {
        Subscription subscription = subscriptions.remove(listenerId);
        if (subscription != null) {
            subscription.stop();
        }
    }

    @Override
    public void close() {
        List.copyOf(subscriptions.keySet()).forEach(this::unsubscribe);
    }

    private final class Subscription {
        private final String id;
        private final EventListener listener;
        private final boolean durable;
        private volatile boolean running = true;
        private Thread thread;

        Subscription(String id, EventListener listener, boolean durable) {
            this.id = id;
            this.listener = listener;
            this.durable = durable;
        }

        void run() {
            JournalSignal signal = db.journal().signal();
            int failures = 0;
            long position = -1;
            while (running) {
                try {
                    if (position < 0) {
                        position = loadCursor();
                    }
                    long seen = signal.generation();
                    long from = position;
                    List<JournalEntry> batch = db.query(sql -> db.journal().readAfter(sql, from, BATCH));
                    if (batch.isEmpty()) {
                        signal.awaitAfter(seen, timing.poll());
                        continue;
                    }
                    for (JournalEntry entry : batch) {
                        if (!running) {
                            break;
                        }
                        if (!(entry.event() instanceof Journal.UnknownEvent)) {
                            listener.on(entry);
                        }
                        position = entry.position();
                    }
                    // One cursor write per batch, not per entry: under a burst of writes that is the difference
                    // between keeping up and falling behind. A crash replays at most this batch, which listeners
                    // tolerate anyway (one could always come between handling an entry and saving the cursor).
                    saveCursor(position, 0, null);
                    failures = 0;
                } catch (Exception e) {
                    failures++;
                    Duration pause = backOff(failures);
                    log.warn("Journal listener {} failed at position {} (attempt {}), retrying in {} ms: {}", id,
                            position + 1, failures, pause.toMillis(), e.toString(), failures == 1 ? e : null);
                    recordFailure(position, failures, e);
                    pauseUnlessStopped(pause);
                }
            }
        }

        private long loadCursor() {
            if (!durable) {
                return db.query(sql -> sql.select(JOURNAL_HEAD.LAST_POSITION).from(JOURNAL_HEAD)
                        .where(JOURNAL_HEAD.ID.eq(1)).fetchSingle().value1());
            }
            return db.transaction(tx -> {
                Long stored = tx.sql().select(JOURNAL_CURSORS.POSITION).from(JOURNAL_CURSORS)
                        .where(JOURNAL_CURSORS.LISTENER_ID.eq(id)).fetchOne(JOURNAL_CURSORS.POSITION);
                if (stored != null) {
                    return stored;
                }
                tx.sql().insertInto(JOURNAL_CURSORS)
                        .set(JOURNAL_CURSORS.LISTENER_ID, id)
                        .set(JOURNAL_CURSORS.POSITION, 0L)
                        .set(JOURNAL_CURSORS.FAILURES, 0)
                        .set(JOURNAL_CURSORS.UPDATED_AT, clock.instant())
                        .execute();
                return 0L;
            });
        }

        private void saveCursor(long position, int failures, String error) {
            if (!durable) {
                return;
            }
            db.query(sql -> sql.update(JOURNAL_CURSORS)
                    .set(JOURNAL_CURSORS.POSITION, position)
                    .set(JOURNAL_CURSORS.FAILURES, failures)
                    .set(JOURNAL_CURSORS.LAST_ERROR, error)
                    .set(JOURNAL_CURSORS.UPDATED_AT, clock.instant())
                    .where(JOURNAL_CURSORS.LISTENER_ID.eq(id))
                    .execute());
        }

        private void recordFailure(long position, int failures, Exception e) {
            if (position < 0) {
                return; // the cursor itself could not be read: the database is likely unreachable
            }
            try {
                String error = String.valueOf(e);
                saveCursor(position, failures, error.length() > 1000 ? error.substring(0, 1000) : error);
            } catch (RuntimeException ignored) {
                // the database is likely down; the log line above already tells the operator
            }
        }

        private Duration backOff(int failures) {
            long millis = timing.firstRetry().toMillis() << Math.min(failures - 1, 20);
            return Duration.ofMillis(Math.min(millis, timing.maxRetry().toMillis()));
        }

        private void pauseUnlessStopped(Duration pause) {
            long deadline = System.nanoTime() + pause.toNanos();
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                db.journal().signal().sleep(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())));
            }
        }

        void stop() {
            running = false;
            db.journal().signal().committed(); // wake it; never interrupt a thread that may be inside H2's file I/O
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
