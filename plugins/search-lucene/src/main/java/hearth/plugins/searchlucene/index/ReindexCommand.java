package hearth.plugins.searchlucene.index;

import hearth.api.commands.PluginCommand;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code java -jar hearth.jar reindex}: a full rebuild from the command line, printing progress every second. If the
 * site started one already (its index was missing), that one is followed instead of starting another.
 */
public final class ReindexCommand implements PluginCommand {

    static final Duration TICK = Duration.ofSeconds(1);

    private final Rebuilds rebuilds;

    public ReindexCommand(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public int run(PrintStream out) throws InterruptedException {
        if (!rebuilds.start("the command line")) {
            out.println("A rebuild is already running (" + rebuilds.status().reason() + "); following it.");
        }
        out.println("Rebuilding the search index…");
        Rebuilds.Status status = rebuilds.status();
        while (status.running()) {
            Thread.sleep(TICK.toMillis());
            status = rebuilds.status();
            out.println("  " + counts(status.orderedCounts()));
        }
        if (status.error() != null) {
            out.println("The rebuild failed: " + status.error());
            return 1;
        }
        Duration took = Duration.between(status.startedAt(), status.finishedAt());
        out.printf("Done in %.1f s: %s.%n", took.toMillis() / 1000.0, counts(status.orderedCounts()));
        return 0;
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.isEmpty() ? "starting" : counts.entrySet().stream()
                .map(e -> String.format("%,d %ss", e.getValue(), e.getKey())).collect(Collectors.joining(", "));
    }
}
