package hearth.server.plugins;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.db.Database;
import hearth.server.plugins.Contribution.TaskSpec;
import hearth.server.plugins.TaskScheduler.TaskStatus;
import hearth.server.testing.SettableClock;
import hearth.server.testing.Sql;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins' scheduled tasks on the real database (H2 or MariaDB): intervals, containment, one runner per run. */
class TaskSchedulerTest {

    private static final Duration FAST_TICK = Duration.ofMillis(20);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;
    MigratedDatabase database;
    ActivePlugins plugins = new ActivePlugins();
    PluginFaults faults = new PluginFaults(Clock.systemUTC());
    List<TaskScheduler> schedulers = new ArrayList<>();

    @BeforeEach
    void open() {
        database = new MigratedDatabase(dir);
    }

    @AfterEach
    void close() {
        schedulers.forEach(TaskScheduler::close);
        database.close();
    }

    private TaskScheduler scheduler(Database db, Clock clock, Duration tick) {
        TaskScheduler scheduler = new TaskScheduler(db, plugins, faults, clock, tick);
        schedulers.add(scheduler);
        return scheduler;
    }

    private long storedRuns(String taskId) throws Exception {
        return Sql.number(database.testDatabase(), "SELECT runs FROM scheduled_tasks WHERE task_id = '" + taskId + "'");
    }


    @Test
    void aPluginsTaskRunsAgainAndAgainAtItsInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        FakePlugins.scheduling(plugins, "tidy", new TaskSpec("sweep", Duration.ofMillis(200), runs::incrementAndGet));
        long started = System.nanoTime();
        scheduler(database.db, Clock.systemUTC(), FAST_TICK).start();

        eventually("three runs", () -> runs.get() >= 3);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis >= 3 * 200, "three runs need three intervals (the first comes after one): "
                + tookMillis + " ms");
        eventually("the row to count them", () -> {
            try {
                return storedRuns("tidy:sweep") >= 3;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theFirstRunComesOneIntervalAfterTheTaskIsFirstSeenThenOneEveryInterval() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2030-05-01T08:00:00Z"));
        AtomicInteger runs = new AtomicInteger();
        FakePlugins.scheduling(plugins, "tidy", new TaskSpec("sweep", MINUTE, runs::incrementAndGet));
        TaskScheduler scheduler = scheduler(database.db, clock, FAST_TICK); // ticked by hand

        scheduler.tick();
        assertEquals(List.of("2030-05-01 08:01:00"), Sql.column(database.testDatabase(),
                "SELECT CAST(next_run_at AS CHAR(19)) FROM scheduled_tasks WHERE task_id = 'tidy:sweep'"));
        clock.advance(Duration.ofSeconds(59));
        scheduler.tick();
        Thread.sleep(50);
        assertEquals(0, runs.get(), "not due yet");

        clock.advance(Duration.ofSeconds(1));
        scheduler.tick();
        eventually("the first run", () -> runs.get() == 1 && !scheduler.busy());
        scheduler.tick();
        Thread.sleep(50);
        assertEquals(1, runs.get(), "the next run is an interval later");

        clock.advance(Duration.ofMinutes(5)); // a node that was away does not catch up the missed runs
        scheduler.tick();
        eventually("the second run", () -> runs.get() == 2 && !scheduler.busy());
        scheduler.tick();
        Thread.sleep(50);
        assertEquals(2, runs.get());
        assertEquals(2, storedRuns("tidy:sweep"));
    }

    @Test
    void aWithdrawnPluginsTaskStopsRunning() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        FakePlugins.scheduling(plugins, "tidy", new TaskSpec("sweep", Duration.ofMillis(200), runs::incrementAndGet));
        TaskScheduler scheduler = scheduler(database.db, Clock.systemUTC(), FAST_TICK);
        scheduler.start();
        eventually("two runs", () -> runs.get() >= 2);

        plugins.withdraw("tidy");
        eventually("the last run to end", () -> !scheduler.busy());
        int afterWithdrawal = runs.get();
        Thread.sleep(700);
        assertEquals(afterWithdrawal, runs.get());

        List<TaskStatus> status = scheduler.status("tidy");
        assertEquals(1, status.size());
        assertEquals("sweep", status.getFirst().name());
        assertNull(status.getFirst().interval(), "no longer declared");
        assertEquals(afterWithdrawal, status.getFirst().runs());
    }

    @Test
    void aThrowingTaskIsContainedItsErrorStoredAndItRunsAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        FakePlugins.scheduling(plugins, "flaky", new TaskSpec("report", Duration.ofMillis(200), () -> {
            throw new IllegalStateException("report " + attempts.incrementAndGet() + " failed");
        }));
        TaskScheduler scheduler = scheduler(database.db, Clock.systemUTC(), FAST_TICK);
        scheduler.start();

        eventually("a second attempt to be recorded", () -> attempts.get() >= 2 && !scheduler.busy());
        PluginFaults.Tally tally = faults.of("flaky").getFirst();
        assertTrue(tally.count() >= 2, tally.toString());
        assertEquals("task report", tally.place());

        TaskStatus status = scheduler.status("flaky").getFirst();
        assertEquals("report", status.name());
        assertEquals(Duration.ofMillis(200), status.interval());
        assertTrue(status.lastError().matches("IllegalStateException: report \\d+ failed"), status.lastError());
        assertNotNull(status.lastFinishedAt());
        assertTrue(status.runs() >= 2);
    }

    @Test
    void aSuccessfulRunClearsTheLastError() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2030-05-01T08:00:00Z"));
        AtomicInteger attempts = new AtomicInteger();
        FakePlugins.scheduling(plugins, "flaky", new TaskSpec("report", MINUTE, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the first one fails");
            }
        }));
        TaskScheduler scheduler = scheduler(database.db, clock, FAST_TICK);
        scheduler.tick();
        for (int run = 1; run <= 2; run++) {
            clock.advance(MINUTE);
            scheduler.tick();
            int expected = run;
            eventually("run " + run, () -> attempts.get() == expected && !scheduler.busy());
            String error = scheduler.status("flaky").getFirst().lastError();
            assertEquals(run == 1 ? "IllegalStateException: the first one fails" : null, error);
        }
    }

    @Test
    void aTaskStillRunningIsNotStartedAgainHereOrOnAnotherNode() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2030-05-01T08:00:00Z"));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        FakePlugins.scheduling(plugins, "slow", new TaskSpec("crunch", MINUTE, () -> {
            started.incrementAndGet();
            release.await(10, TimeUnit.SECONDS);
        }));
        TaskScheduler here = scheduler(database.db, clock, FAST_TICK);
        TaskScheduler there = scheduler(database.another(), clock, FAST_TICK);
        here.tick();
        clock.advance(MINUTE);
        here.tick();
        eventually("the run to start", () -> started.get() == 1);

        clock.advance(MINUTE.multipliedBy(2)); // due again while the first run goes on
        here.tick();
        there.tick();
        Thread.sleep(100);
        assertEquals(1, started.get(), "neither node starts it while it runs");
        assertTrue(here.status("slow").getFirst().running());
        assertFalse(there.status("slow").getFirst().running());

        release.countDown();
        eventually("the run to end", () -> !here.busy());
        there.tick();
        eventually("the next run, on the other node", () -> started.get() == 2);
    }

    @Test
    void twoNodesOnOneDatabaseNeverRunTheSameRunTwice() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2030-05-01T08:00:00Z"));
        AtomicInteger runs = new AtomicInteger();
        FakePlugins.scheduling(plugins, "tidy", new TaskSpec("sweep", MINUTE, runs::incrementAndGet));
        TaskScheduler a = scheduler(database.db, clock, FAST_TICK);
        TaskScheduler b = scheduler(database.another(), clock, FAST_TICK);
        CyclicBarrier together = new CyclicBarrier(2);
        Runnable tickA = () -> tickTogether(a, together);
        Runnable tickB = () -> tickTogether(b, together);

        int rounds = 25;
        for (int round = 0; round <= rounds; round++) { // round 0: both see the task for the first time
            Thread ta = Thread.ofVirtual().start(tickA);
            Thread tb = Thread.ofVirtual().start(tickB);
            ta.join();
            tb.join();
            int expected = round;
            eventually("round " + round, () -> runs.get() >= expected && !a.busy() && !b.busy());
            assertEquals(round, runs.get(), "one run per due time, round " + round);
            clock.advance(MINUTE);
        }
        assertEquals(rounds, storedRuns("tidy:sweep"));
    }

    private static void tickTogether(TaskScheduler scheduler, CyclicBarrier together) {
        try {
            together.await(10, TimeUnit.SECONDS);
            scheduler.tick();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoRunningNodesShareTheRunsWithoutDoublingThem() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        FakePlugins.scheduling(plugins, "tidy", new TaskSpec("sweep", Duration.ofMillis(150), runs::incrementAndGet));
        TaskScheduler a = scheduler(database.db, Clock.systemUTC(), Duration.ofMillis(10));
        TaskScheduler b = scheduler(database.another(), Clock.systemUTC(), Duration.ofMillis(10));
        long started = System.nanoTime();
        a.start();
        b.start();
        Thread.sleep(2_000);
        a.close();
        b.close();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(runs.get(), storedRuns("tidy:sweep"), "every claimed run ran once");
        assertTrue(runs.get() >= 5, runs.get() + " runs");
        assertTrue(runs.get() <= elapsedMillis / 150 + 1, runs.get() + " runs in " + elapsedMillis + " ms: doubled");
    }

    @Test
    void statusListsWhatThePluginDeclaresEvenBeforeTheFirstRun() {
        FakePlugins.scheduling(plugins, "tidy", new TaskSpec("sweep", MINUTE, () -> { }),
                new TaskSpec("dust", Duration.ofHours(1), () -> { }));
        TaskScheduler scheduler = scheduler(database.db, Clock.systemUTC(), FAST_TICK);
        assertEquals(List.of(new TaskStatus("sweep", MINUTE, null, null, null, null, 0, false),
                new TaskStatus("dust", Duration.ofHours(1), null, null, null, null, 0, false)), scheduler.status("tidy"));

        scheduler.tick();
        List<TaskStatus> seen = scheduler.status("tidy");
        assertEquals(List.of("sweep", "dust"), seen.stream().map(TaskStatus::name).toList());
        assertTrue(seen.stream().allMatch(s -> s.nextRunAt() != null && s.runs() == 0 && s.lastStartedAt() == null));
        assertEquals(List.of(), scheduler.status("other"));
    }
}
