package hearth.server.plugins;

import static hearth.server.db.schema.tables.ScheduledTasks.SCHEDULED_TASKS;

import hearth.server.db.Database;
import hearth.server.plugins.Contribution.TaskSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the running plugins' scheduled tasks, each run on one node of the site only. One virtual thread per node
 * looks every {@code tick} at {@link ActivePlugins#tasks()} and at the {@code scheduled_tasks} rows they share:
 * <ul>
 *   <li>A task seen for the first time gets a row whose first run is one interval later (not at once: a restart or
 *   a re-enabled plugin should not fire every task immediately).</li>
 *   <li>A due task is claimed by moving {@code next_run_at} one interval past now with an UPDATE conditioned on the
 *   value this node read. Of two nodes that read the same due run, the database lets exactly one update it; only that
 *   node runs it. A node that was down does not catch up missed runs: the next one is an interval after the claim.</li>
 *   <li>Each run gets its own virtual thread and goes through {@link PluginFaults}, so a throwing task is counted and
 *   its message stored in {@code last_error}; the next run still comes. A task still running (here, or on another
 *   node as far as its row tells: started, not finished, and not yet stale) is not started again.</li>
 * </ul>
 * Times come from the injected clock. A withdrawn plugin's tasks are simply no longer in the snapshot; a run under
 * way finishes.
 */
public final class TaskScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskScheduler.class);

    public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
    /** Shorter intervals are raised to this, so a mistaken zero cannot run a task on every tick. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /**
     * A run that another node started and never finished (it crashed) blocks the task at most this long, or two
     * intervals if longer.
     */
    static final Duration STALE_RUN = Duration.ofMinutes(15);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final int ERROR_LENGTH = 1000;

    /**
     * One task as the admin page shows it.
     *
     * @param name           the task's name within its plugin
     * @param interval       its interval, or null when the plugin does not declare it now (stopped, or task removed)
     * @param nextRunAt      when it is due next, or null before it was first seen
     * @param lastStartedAt  when the last run started (on any node), or null
     * @param lastFinishedAt when the last run finished, or null
     * @param lastError      why the last run failed, or null when it succeeded
     * @param runs           how many runs were started, on all nodes together
     * @param running        whether a run is under way on this node
     */
    public record TaskStatus(String name, Duration interval, Instant nextRunAt, Instant lastStartedAt,
                             Instant lastFinishedAt, String lastError, long runs, boolean running) {
    }

    private record Row(Instant nextRunAt, Instant lastStartedAt, Instant lastFinishedAt) {
    }

    private final Database db;
    private final ActivePlugins plugins;
    private final PluginFaults faults;
    private final Clock clock;
    private final Duration tick;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private Thread loop;
    private boolean failing;

    public TaskScheduler(Database db, ActivePlugins plugins, PluginFaults faults, Clock clock, Duration tick) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("The scheduler's tick must be positive, not " + tick);
        }
        this.db = db;
        this.plugins = plugins;
        this.faults = faults;
        this.clock = clock;
        this.tick = tick;
    }

    /** Starts this node's scheduler loop. */
    public synchronized void start() {
        if (loop == null && closing.getCount() > 0) {
            loop = Thread.ofVirtual().name("hearth-task-scheduler").start(this::loop);
        }
    }

    private void loop() {
        try {
            // Waiting on the latch rather than sleeping: close() wakes it without an interrupt, which would close
            // a JDBC socket of a virtual thread in the middle of a query.
            while (!closing.await(tick.toNanos(), TimeUnit.NANOSECONDS)) {
                tickSafely();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tickSafely() {
        try {
            tick();
            if (failing) {
                failing = false;
                log.info("Scheduled tasks: the database answers again");
            }
        } catch (RuntimeException e) {
            if (!failing) { // one line per outage, not one per tick
                failing = true;
                log.warn("Scheduled tasks: cannot read or claim tasks, will keep trying: {}", e.toString(), e);
            }
        }
    }

    /** One look at the tasks: creates rows for new ones and starts the due ones this node claims. */
    void tick() {
        Map<String, Owned<TaskSpec>> tasks = declaredTasks();
        if (tasks.isEmpty() || closing.getCount() == 0) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what DATETIME(6) stores
        Map<String, Row> rows = db.query(sql -> sql
                .select(SCHEDULED_TASKS.TASK_ID, SCHEDULED_TASKS.NEXT_RUN_AT, SCHEDULED_TASKS.LAST_STARTED_AT,
                        SCHEDULED_TASKS.LAST_FINISHED_AT)
                .from(SCHEDULED_TASKS)
                .where(SCHEDULED_TASKS.TASK_ID.in(tasks.keySet()))
                .fetchMap(r -> r.value1(), r -> new Row(r.value2(), r.value3(), r.value4())));
        tasks.forEach((taskId, task) -> {
            Duration interval = intervalOf(task.value());
            Row row = rows.get(taskId);
            if (row == null) {
                firstSeen(taskId, now.plus(interval));
            } else if (!row.nextRunAt().isAfter(now) && !running.containsKey(taskId)
                    && !runningElsewhere(row, now, interval) && claim(taskId, row.nextRunAt(), now, interval)) {
                start(taskId, task);
            }
        });
    }

    /** The running plugins' tasks by task id; a name a plugin declares twice keeps its first declaration. */
    private Map<String, Owned<TaskSpec>> declaredTasks() {
        Map<String, Owned<TaskSpec>> byId = new LinkedHashMap<>();
        for (Owned<TaskSpec> task : plugins.tasks()) {
            byId.putIfAbsent(taskId(task.pluginId(), task.value().name()), task);
        }
        return byId;
    }

    static String taskId(String pluginId, String taskName) {
        return pluginId + ":" + taskName;
    }

    private static Duration intervalOf(TaskSpec task) {
        Duration interval = task.interval();
        return interval == null || interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : interval;
    }

    private void firstSeen(String taskId, Instant firstRun) {
        // Another node may insert the same row at the same moment; either row says the same.
        db.query(sql -> sql.insertInto(SCHEDULED_TASKS)
                .set(SCHEDULED_TASKS.TASK_ID, taskId)
                .set(SCHEDULED_TASKS.NEXT_RUN_AT, firstRun)
                .set(SCHEDULED_TASKS.RUNS, 0L)
                .onDuplicateKeyIgnore()
                .execute());
    }

    private static boolean runningElsewhere(Row row, Instant now, Duration interval) {
        if (row.lastStartedAt() == null
                || row.lastFinishedAt() != null && !row.lastFinishedAt().isBefore(row.lastStartedAt())) {
            return false;
        }
        Duration stale = interval.multipliedBy(2).compareTo(STALE_RUN) > 0 ? interval.multipliedBy(2) : STALE_RUN;
        return row.lastStartedAt().isAfter(now.minus(stale));
    }

    /** Whether this node won the run due at {@code due}: the row still says {@code due}, and now it says the next. */
    private boolean claim(String taskId, Instant due, Instant now, Duration interval) {
        int updated = db.query(sql -> sql.update(SCHEDULED_TASKS)
                .set(SCHEDULED_TASKS.NEXT_RUN_AT, now.plus(interval))
                .set(SCHEDULED_TASKS.LAST_STARTED_AT, now)
                .set(SCHEDULED_TASKS.RUNS, SCHEDULED_TASKS.RUNS.plus(1L))
                .where(SCHEDULED_TASKS.TASK_ID.eq(taskId))
                .and(SCHEDULED_TASKS.NEXT_RUN_AT.eq(due))
                .execute());
        return updated == 1;
    }

    private void start(String taskId, Owned<TaskSpec> task) {
        Thread thread = Thread.ofVirtual().name("hearth-task-" + taskId).unstarted(() -> runOnce(taskId, task));
        running.put(taskId, thread);
        thread.start();
    }

    private void runOnce(String taskId, Owned<TaskSpec> task) {
        String[] error = {null};
        try {
            boolean ok = faults.run(task, "task " + task.value().name(), () -> {
                try {
                    task.value().task().run();
                } catch (Exception | LinkageError e) {
                    error[0] = describe(e); // PluginFaults counts and logs it; the row keeps the message
                    throw e;
                }
            });
            if (!ok && error[0] == null) {
                error[0] = "The task failed";
            }
        } catch (RuntimeException | Error e) {
            error[0] = describe(e);
            throw e;
        } finally {
            finished(taskId, error[0]);
            running.remove(taskId);
        }
    }

    private void finished(String taskId, String error) {
        try {
            db.query(sql -> sql.update(SCHEDULED_TASKS)
                    .set(SCHEDULED_TASKS.LAST_FINISHED_AT, clock.instant().truncatedTo(ChronoUnit.MICROS))
                    .set(SCHEDULED_TASKS.LAST_ERROR, error)
                    .where(SCHEDULED_TASKS.TASK_ID.eq(taskId))
                    .execute());
        } catch (RuntimeException e) {
            // The run happened; its row looks unfinished until it turns stale (or the next run on this node).
            log.warn("Scheduled task {} finished but its end could not be recorded: {}", taskId, e.toString());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.length() > ERROR_LENGTH ? message.substring(0, ERROR_LENGTH) : message;
    }

    /** Whether a run is under way on this node. */
    boolean busy() {
        return !running.isEmpty();
    }

    /**
     * A plugin's tasks for the admin page: the ones it declares now, then any others that ran before (interval
     * null). Blocking.
     */
    public List<TaskStatus> status(String pluginId) {
        return db.query(sql -> status(sql, pluginId));
    }

    private List<TaskStatus> status(DSLContext sql, String pluginId) {
        String prefix = taskId(pluginId, "");
        Map<String, Duration> declared = new LinkedHashMap<>();
        plugins.tasks().stream().filter(t -> t.pluginId().equals(pluginId))
                .forEach(t -> declared.putIfAbsent(t.value().name(), intervalOf(t.value())));
        Map<String, TaskStatus> byName = new HashMap<>();
        sql.selectFrom(SCHEDULED_TASKS)
                .where(SCHEDULED_TASKS.TASK_ID.startsWith(prefix))
                .orderBy(SCHEDULED_TASKS.TASK_ID)
                .forEach(r -> {
                    String name = r.getTaskId().substring(prefix.length());
                    byName.put(name, new TaskStatus(name, declared.get(name), r.getNextRunAt(),
                            r.getLastStartedAt(), r.getLastFinishedAt(), r.getLastError(), r.getRuns(),
                            running.containsKey(r.getTaskId())));
                });
        List<TaskStatus> out = new ArrayList<>();
        declared.forEach((name, interval) -> out.add(byName.containsKey(name) ? byName.remove(name)
                : new TaskStatus(name, interval, null, null, null, null, 0, false)));
        byName.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(out::add);
        return List.copyOf(out);
    }

    /** Stops the loop and waits a few seconds for runs under way; runs that take longer are left to finish alone. */
    @Override
    public void close() {
        Thread current;
        synchronized (this) {
            closing.countDown();
            current = loop;
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            if (current != null) {
                current.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            for (Thread run : List.copyOf(running.values())) {
                run.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!running.isEmpty()) {
            log.warn("Scheduled tasks still running at shutdown: {}", running.keySet());
        }
    }
}
