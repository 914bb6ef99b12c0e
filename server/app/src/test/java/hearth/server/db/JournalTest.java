package hearth.server.db;

import static hearth.server.db.schema.tables.JournalCursors.JOURNAL_CURSORS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.events.DomainEvent;
import hearth.api.events.JournalEntry;
import hearth.server.config.HearthConfig;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.jooq.Record2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal and its dispatcher on the real database (H2 or MariaDB). */
class JournalTest {

    record Noted(int n) implements DomainEvent {
    }

    @TempDir
    Path dir;
    TestDatabase testDb;
    Vertx vertx;
    Database db;
    JournalDispatcher dispatcher;

    @BeforeEach
    void open() {
        testDb = TestDatabase.fresh(dir);
        vertx = Vertx.vertx();
        Journal journal = new Journal(new EventCodec().register(Noted.class), Clock.systemUTC());
        db = Database.open(new HearthConfig.Db(testDb.directUrl(), testDb.user(), "", 8), vertx, journal);
        new Migrations("schema_history", Migrations.fromClasspath(getClass().getClassLoader(), "db/migration"),
                db.dialect(), Clock.systemUTC()).apply(db.dataSource());
        dispatcher = new JournalDispatcher(db, Clock.systemUTC(), TestSite.FAST.journal());
    }

    @AfterEach
    void close() {
        dispatcher.close();
        db.close();
        vertx.close().await();
        testDb.close();
    }

    @Test
    void listenersGetCommittedEventsInCommitOrderWithoutGapsAndNeverRolledBackOnes() throws Exception {
        List<JournalEntry> received = new CopyOnWriteArrayList<>();
        dispatcher.subscribe("recorder", received::add);

        Set<Integer> committed = new HashSet<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    int n = writer * 100 + i * 2;
                    db.transaction(tx -> {
                        tx.record(new Noted(n));
                        tx.record(new Noted(n + 1));
                        return null;
                    });
                    assertThrows(IllegalStateException.class, () -> db.transaction(tx -> {
                        tx.record(new Noted(-1));
                        throw new IllegalStateException("rolled back");
                    }));
                }
            }));
            for (int i = 0; i < 10; i++) {
                committed.add(writer * 100 + i * 2);
                committed.add(writer * 100 + i * 2 + 1);
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();

        await(() -> received.size() >= 160);
        Thread.sleep(300); // nothing more may arrive
        assertEquals(160, received.size());
        assertEquals(LongStream.rangeClosed(1, 160).boxed().toList(),
                received.stream().map(JournalEntry::position).toList(), "every position once, in order");
        Set<Integer> numbers = new HashSet<>();
        received.forEach(e -> numbers.add(((Noted) e.event()).n()));
        assertEquals(committed, numbers, "exactly the committed events, none of the rolled-back ones");
        for (int i = 0; i < 160; i += 2) {
            assertEquals(((Noted) received.get(i).event()).n() + 1, ((Noted) received.get(i + 1).event()).n(),
                    "one transaction's events are adjacent");
        }
    }

    @Test
    void aFailingListenerIsRetriedWithBackOffWithoutHoldingUpOthersOrWrites() throws Exception {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        List<Integer> flakyGot = new CopyOnWriteArrayList<>();
        List<Integer> healthyGot = new CopyOnWriteArrayList<>();
        boolean[] broken = {true};
        dispatcher.subscribe("flaky", entry -> {
            int n = ((Noted) entry.event()).n();
            if (n == 2 && broken[0]) {
                attempts.add(System.nanoTime());
                throw new IllegalStateException("search index unavailable");
            }
            flakyGot.add(n);
        });
        dispatcher.subscribe("healthy", entry -> healthyGot.add(((Noted) entry.event()).n()));

        for (int n = 1; n <= 5; n++) {
            int value = n;
            long started = System.nanoTime();
            db.transaction(tx -> {
                tx.record(new Noted(value));
                return null;
            });
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos(), "writes are not held up");
        }
        await(() -> healthyGot.size() == 5 && attempts.size() >= 5);
        assertEquals(List.of(1, 2, 3, 4, 5), healthyGot);
        assertEquals(List.of(1), flakyGot, "the flaky listener is stuck on event 2, not skipping it");
        long firstGap = attempts.get(1) - attempts.get(0);
        long laterGap = attempts.get(4) - attempts.get(3);
        assertTrue(laterGap > firstGap, "back-off grows: " + firstGap / 1_000_000 + " ms then " + laterGap / 1_000_000);
        Record2<Integer, String> cursor = db.query(sql -> sql.select(JOURNAL_CURSORS.FAILURES,
                JOURNAL_CURSORS.LAST_ERROR).from(JOURNAL_CURSORS).where(JOURNAL_CURSORS.LISTENER_ID.eq("flaky"))
                .fetchSingle());
        assertTrue(cursor.value1() >= 1);
        assertTrue(cursor.value2().contains("search index unavailable"), cursor.value2());

        broken[0] = false;
        await(() -> flakyGot.size() == 5);
        assertEquals(List.of(1, 2, 3, 4, 5), flakyGot);
        await(() -> db.query(sql -> sql.select(JOURNAL_CURSORS.FAILURES).from(JOURNAL_CURSORS)
                .where(JOURNAL_CURSORS.LISTENER_ID.eq("flaky")).fetchSingle().value1()) == 0);
    }

    @Test
    void aListenerResumesAfterItsStoredCursor() throws Exception {
        List<Long> first = new CopyOnWriteArrayList<>();
        dispatcher.subscribe("resumer", e -> first.add(e.position()));
        note(1, 2, 3);
        await(() -> first.size() == 3);
        dispatcher.unsubscribe("resumer");

        note(4, 5);
        List<Long> second = new CopyOnWriteArrayList<>();
        dispatcher.subscribe("resumer", e -> second.add(e.position()));
        await(() -> second.size() == 2);
        Thread.sleep(300);
        assertEquals(List.of(4L, 5L), second);
    }

    private void note(int... values) {
        for (int value : values) {
            db.transaction(tx -> {
                tx.record(new Noted(value));
                return null;
            });
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
