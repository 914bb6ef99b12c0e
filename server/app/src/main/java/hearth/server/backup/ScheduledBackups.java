package hearth.server.backup;

import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server's backups: the scheduled ones into {@code <data-dir>/backups} (the newest {@code keep} kept),
 * and those the {@code backup} command asks for ({@link BackupRequests}). Each is written on a worker thread from one
 * pooled connection, while the site keeps serving.
 */
public final class ScheduledBackups implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);
    private static final String PREFIX = "hearth-backup-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Database db;
    private final boolean mariaDb;
    private final Path dataDir;
    private final HearthConfig.Backups schedule;
    private final Clock clock;
    private final BackupRequests requests;
    /** After a failed scheduled backup, how long until the next try (not every second). */
    private static final Duration RETRY = Duration.ofMinutes(10);

    private final AtomicBoolean requesting = new AtomicBoolean();
    private final AtomicBoolean scheduling = new AtomicBoolean();
    private volatile Instant retryAfter = Instant.MIN;
    private Vertx vertx;
    private long timer = -1;

    public ScheduledBackups(Database db, boolean mariaDb, Path dataDir, HearthConfig.Backups schedule, Clock clock) {
        this.db = db;
        this.mariaDb = mariaDb;
        this.dataDir = dataDir;
        this.schedule = schedule;
        this.clock = clock;
        this.requests = new BackupRequests(dataDir);
    }

    /**
     * Looks every second. The command's requests and the schedule each take their own turn, so a long scheduled
     * backup does not keep a request waiting (the command gives up when nobody picks its request up).
     */
    public void start(Vertx vertx) {
        this.vertx = vertx;
        timer = vertx.setPeriodic(1_000, tick -> {
            runAlone(requesting, this::answerRequests);
            if (!schedule.every().isZero()) {
                runAlone(scheduling, this::backUpIfDue);
            }
        });
    }

    private void runAlone(AtomicBoolean busy, Runnable work) {
        if (busy.compareAndSet(false, true)) {
            vertx.executeBlocking(() -> {
                try {
                    work.run();
                } finally {
                    busy.set(false);
                }
                return null;
            }, false);
        }
    }

    private void answerRequests() {
        for (BackupRequests.Pending pending : requests.take()) {
            try {
                long rows = write(pending.out());
                requests.answer(pending, true, "Wrote " + pending.out() + " (" + rows + " rows)");
                log.info("Wrote the backup {} that the backup command asked for", pending.out());
            } catch (RuntimeException e) {
                log.warn("The backup into {} failed", pending.out(), e);
                requests.answer(pending, false, String.valueOf(e.getMessage()));
            }
        }
    }

    private void backUpIfDue() {
        if (clock.instant().isBefore(retryAfter) || !due()) {
            return;
        }
        Path out = folder().resolve(PREFIX + STAMP.format(clock.instant()) + ".zip");
        try {
            long rows = write(out);
            log.info("Wrote the scheduled backup {} ({} rows)", out, rows);
            prune();
        } catch (RuntimeException e) {
            retryAfter = clock.instant().plus(RETRY);
            log.error("The scheduled backup into {} failed; trying again in {} minutes", out, RETRY.toMinutes(), e);
        }
    }

    private long write(Path out) {
        try (Connection connection = db.dataSource().getConnection()) {
            return new BackupWriter(clock).write(connection, mariaDb, dataDir, out);
        } catch (SQLException e) {
            throw new IllegalStateException("No database connection for the backup: " + e.getMessage(), e);
        }
    }

    private Path folder() {
        return dataDir.resolve("backups");
    }

    private boolean due() {
        List<Path> kept = scheduled();
        if (kept.isEmpty()) {
            return true;
        }
        try {
            Instant last = Files.getLastModifiedTime(kept.getLast()).toInstant();
            return !last.plus(schedule.every()).isAfter(clock.instant());
        } catch (IOException e) {
            return true;
        }
    }

    /** The scheduled backups present, oldest first (their names sort by time). */
    private List<Path> scheduled() {
        if (!Files.isDirectory(folder())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)
                    && f.getFileName().toString().endsWith(".zip")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prune() {
        List<Path> kept = scheduled();
        for (Path old : kept.subList(0, Math.max(0, kept.size() - schedule.keep()))) {
            try {
                Files.deleteIfExists(old);
                log.info("Deleted the old backup {}", old);
            } catch (IOException e) {
                log.warn("Cannot delete the old backup {}: {}", old, e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
