package hearth.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a scenario's CPU time goes in the server: a Java Flight Recorder recording taken with jcmd while the scenario
 * runs, its execution samples attributed to the part of the stack that was working (database driver and jOOQ,
 * templates, HTTP and Vert.x, JSON, Hearth's own code, the JDK under it).
 */
final class CpuProfile {

    private static final List<Map.Entry<String, String>> PARTS = List.of(
            Map.entry("org.h2.", "database (H2 engine, in-process)"),
            Map.entry("org.mariadb.", "database driver (MariaDB)"),
            Map.entry("com.zaxxer.", "database driver (MariaDB)"),
            Map.entry("org.jooq.", "jOOQ (SQL building, mapping)"),
            Map.entry("io.pebbletemplates.", "templates (Pebble)"),
            Map.entry("org.commonmark.", "Markdown"),
            Map.entry("com.fasterxml.", "JSON"),
            Map.entry("io.netty.", "HTTP and I/O (Netty, Vert.x)"),
            Map.entry("io.vertx.", "HTTP and I/O (Netty, Vert.x)"),
            Map.entry("hearth.", "Hearth's own code"));

    private final long pid;
    private final Path file;

    private CpuProfile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static CpuProfile start(long pid, Path file) {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file);
        return new CpuProfile(pid, file);
    }

    /**
     * What the samples say: each part's share (percent, largest first), and the Hearth methods under which the most
     * time was spent (the innermost Hearth frame of each sample, top 8).
     */
    record Result(Map<String, Double> parts, Map<String, Double> hearthMethods) {
    }

    Result stop() throws IOException {
        jcmd(pid, "JFR.stop", "name=bench");
        Map<String, Integer> parts = new TreeMap<>();
        Map<String, Integer> methods = new TreeMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            parts.merge(part(frames), 1, Integer::sum);
            frames.stream().filter(f -> f.isJavaFrame() && f.getMethod().getType().getName().startsWith("hearth."))
                    .findFirst().ifPresent(f -> methods.merge(shortName(f), 1, Integer::sum));
            total++;
        }
        return new Result(shares(parts, total, Integer.MAX_VALUE), shares(methods, total, 8));
    }

    private static Map<String, Double> shares(Map<String, Integer> counts, int total, int limit) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> shares.put(e.getKey(), Math.round(1000.0 * e.getValue() / total) / 10.0));
        return shares;
    }

    private static String shortName(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        String simple = type.substring(type.lastIndexOf('.') + 1).replaceAll("\\$\\$Lambda.*", "");
        return simple + "." + frame.getMethod().getName().replaceAll("^lambda\\$(\\w+)\\$\\d+$", "$1");
    }

    /** The first frame from the top that belongs to a known library or to Hearth names the part. */
    private static String part(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> part : PARTS) {
                if (type.startsWith(part.getKey())) {
                    return part.getValue();
                }
            }
        }
        return "JDK only (GC helpers, JIT, threads)";
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
