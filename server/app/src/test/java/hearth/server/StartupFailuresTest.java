package hearth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.config.Setting;
import hearth.server.testing.ChildJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong setting stops start-up with one clear line on stderr and a non-zero exit, not a stack trace. */
class StartupFailuresTest {

    @TempDir
    Path dataDir;

    private record Outcome(int exit, String output) {
    }

    private Outcome run(String... flags) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        args.addAll(List.of(flags));
        try (ChildJvm child = ChildJvm.main(Main.class, args)) {
            int exit = child.awaitExit(Duration.ofSeconds(60));
            return new Outcome(exit, child.output());
        }
    }

    private static void assertOneLineError(Outcome outcome, int exit, String expected) {
        assertEquals(exit, outcome.exit(), outcome.output());
        List<String> errors = outcome.output().lines().filter(l -> l.startsWith("hearth: ")).toList();
        assertEquals(1, errors.size(), outcome.output());
        assertTrue(errors.getFirst().contains(expected), outcome.output());
        assertTrue(outcome.output().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + outcome.output());
    }

    @Test
    void portTakenIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run("--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()), "--no-demo");
            assertOneLineError(outcome, 2, "Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use "
                    + "(setting port");
        }
    }

    @Test
    void portOutOfRangeIsNamed() {
        assertOneLineError(run("--port", "65536"), 2, "port is '65536'; it must be a whole number from 0 to 65535");
    }

    @Test
    void unknownFlagIsNamed() {
        assertOneLineError(run("--colour", "blue"), 2, "Unknown option '--colour'; see --help");
    }

    @Test
    void unreachableDatabaseIsNamed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Outcome outcome = run("--port", "0", "--db-url", "jdbc:mariadb://127.0.0.1:" + closedPort + "/hearth");
        assertOneLineError(outcome, 2, "Cannot connect to the database at jdbc:mariadb://127.0.0.1:" + closedPort);
        assertTrue(outcome.output().contains("(setting db-url"), outcome.output());
    }

    @Test
    void aDatabaseANewerVersionMigratedIsRefused() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("db/hearth") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_history (version INT NOT NULL PRIMARY KEY, file VARCHAR(200) NOT NULL,"
                    + " checksum CHAR(64) NOT NULL, applied_at DATETIME(6) NOT NULL, duration_ms INT NOT NULL)");
            st.execute("INSERT INTO schema_history VALUES (9999, 'V9999__from_the_future.sql', '"
                    + "0".repeat(64) + "', CURRENT_TIMESTAMP, 1)");
        }
        assertOneLineError(run("--port", "0", "--no-demo"), 3, "The database has migration 9999 applied, which this"
                + " version of Hearth does not know: it was written by a newer version.");
    }

    @Test
    void helpListsEveryFlag() {
        Outcome outcome = run("--help");
        assertEquals(0, outcome.exit());
        Arrays.stream(Setting.values()).forEach(s -> assertTrue(outcome.output().contains(s.flag()), s.flag()));
        assertTrue(outcome.output().contains("--no-demo"));
    }
}
