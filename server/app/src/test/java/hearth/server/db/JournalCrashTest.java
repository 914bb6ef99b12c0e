package hearth.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.ChildJvm;
import hearth.server.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 between commit and delivery: after a restart delivery resumes with nothing lost or skipped. */
class JournalCrashTest {

    @TempDir
    Path dir;

    @Test
    void deliveryResumesAfterKillMinusNine() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(dir)) {
            List<String> flags = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1",
                    "--data-dir", dir.resolve("data").toString()));
            flags.addAll(db.flags());
            Path firstRun = dir.resolve("first.txt");
            Path secondRun = dir.resolve("second.txt");

            // The demo seed commits its events; the probe takes 1-4, then hangs on 5 and is killed.
            try (ChildJvm run = ChildJvm.main(CrashProbe.class, args(firstRun, 5, flags))) {
                awaitFile(firstRun, lines -> lines.contains("GATE 5"));
                run.kill();
            }
            assertEquals(List.of("1", "2", "3", "4", "GATE 5"), Files.readAllLines(firstRun));

            try (ChildJvm run = ChildJvm.main(CrashProbe.class, args(secondRun, -1, flags))) {
                run.awaitLine(l -> l.equals("PROBE STARTED"), Duration.ofSeconds(60));
                awaitQuiet(secondRun);
                run.terminate();
                run.awaitExit(Duration.ofSeconds(30));
            }

            long head;
            long cursor;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                head = single(st, "SELECT MAX(position) FROM journal");
                cursor = single(st, "SELECT position FROM journal_cursors WHERE listener_id = 'probe'");
            }
            assertTrue(head > 20, "the demo seed recorded its events: " + head);
            List<Long> delivered = Files.readAllLines(secondRun).stream().map(Long::parseLong).toList();
            // The cursor is saved once per batch, so the replay may start before the interrupted event (up to the
            // batch's first), never after it.
            assertTrue(!delivered.isEmpty() && delivered.getFirst() <= 5, "the replay starts at the interrupted "
                    + "event or before: " + delivered);
            assertEquals(LongStream.rangeClosed(delivered.getFirst(), head).boxed().toList(), delivered,
                    "the interrupted event comes again (at least once), then every later one, in order");
            assertEquals(head, cursor);
        }
    }

    private static List<String> args(Path out, long gate, List<String> flags) {
        List<String> args = new ArrayList<>(List.of(out.toString(), String.valueOf(gate)));
        args.addAll(flags);
        return args;
    }

    private static long single(Statement st, String query) throws Exception {
        try (ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitFile(Path file, java.util.function.Predicate<List<String>> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && ready.test(Files.readAllLines(file))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + file);
    }

    /** Waits until the file has content and has not grown for a while: the listener has caught up. */
    private static void awaitQuiet(Path file) throws Exception {
        awaitFile(file, lines -> !lines.isEmpty());
        long size = -1;
        while (size != size(file)) {
            size = size(file);
            Thread.sleep(1500);
        }
    }

    private static long size(Path file) throws IOException {
        return Files.size(file);
    }
}
