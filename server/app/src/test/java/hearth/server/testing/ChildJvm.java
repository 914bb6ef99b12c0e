package hearth.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A separate JVM running a main class from this test class path, or a jar, with its output captured line by line. */
public final class ChildJvm implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("running at (http://\\S+)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    public static ChildJvm main(Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(args);
        return start(command, null);
    }

    public static ChildJvm jar(Path jar, Path workingDir, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(args);
        return start(command, workingDir);
    }

    private static ChildJvm start(List<String> command, Path workingDir) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("HEARTH_"));
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        try {
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Waits for a line of output that matches; fails with the whole output if the process ends or time runs out. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (; seen < lines.size(); seen++) {
                if (wanted.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            if (!process.isAlive() && seen >= lines.size()) {
                sleep(100);
                if (seen >= lines.size()) {
                    throw new AssertionError("Process ended (exit " + process.exitValue() + ") without the expected "
                            + "line. Output:\n" + output());
                }
            }
            sleep(50);
        }
        throw new AssertionError("Timed out waiting for a line. Output:\n" + output());
    }

    /** Waits for the start-up banner and returns the site's address. */
    public String awaitUrl() {
        Matcher m = URL.matcher(awaitLine(l -> URL.matcher(l).find(), Duration.ofSeconds(60)));
        m.find();
        return m.group(1);
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Process still running after " + timeout + ". Output:\n" + output());
            }
            reader.join(Duration.ofSeconds(10)); // the last lines, up to end of output
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM: what an operator's Ctrl+C, systemd or docker stop sends. */
    public void terminate() {
        process.toHandle().destroy(); // unlike Process.destroy(), leaves the output stream open to read the last lines
    }

    /** SIGKILL: the process gets no chance to clean up. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String output() {
        return String.join("\n", lines);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
