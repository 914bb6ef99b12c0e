package hearth.server.backup;

import hearth.server.config.ConfigException;
import hearth.server.config.HearthConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code backup --out FILE}: reads the database directly when it can (MariaDB, or an H2 file no process holds), and
 * otherwise asks the running server, which holds the H2 file, to write the archive ({@link BackupRequests}).
 */
public final class BackupCommand {

    /** H2's "database may be already in use" and "database not found". */
    private static final int H2_IN_USE = 90020;
    private static final int H2_NOT_FOUND = 90146;

    private BackupCommand() {
    }

    /** Writes the archive; returns a line that says what was written. */
    public static String run(HearthConfig config, Path out, Clock clock) {
        Path target = out.toAbsolutePath().normalize();
        HearthConfig.Db db = config.db();
        String url = db.isMariaDb() ? db.url() : db.url() + ";IFEXISTS=TRUE";
        try (Connection connection = DriverManager.getConnection(url, db.user(), db.password())) {
            long rows = new BackupWriter(clock).write(connection, db.isMariaDb(), config.dataDir(), target);
            return "Wrote " + target + " (" + rows + " rows)";
        } catch (SQLException e) {
            if (!db.isMariaDb() && e.getErrorCode() == H2_IN_USE) {
                return new BackupRequests(config.dataDir()).ask(target, Duration.ofMinutes(30)) + " (through the"
                        + " running server)";
            }
            if (!db.isMariaDb() && e.getErrorCode() == H2_NOT_FOUND) {
                throw new ConfigException("There is no Hearth database in " + config.dataDir() + "; check --data-dir");
            }
            throw new ConfigException("Cannot connect to the database at " + db.url().replaceAll("[?;].*$", "")
                    + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
