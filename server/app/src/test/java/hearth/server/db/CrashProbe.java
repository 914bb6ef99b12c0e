package hearth.server.db;

import hearth.api.events.EventListener;
import hearth.server.Hearth;
import hearth.server.config.ConfigLoader;
import hearth.server.testing.TestSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs the real server with one journal listener that writes each delivered position to a file. When it reaches
 * the gate position it says so and hangs, so the test can kill the process between commit and delivery.
 * Arguments: output file, gate position (-1 for none), then the server's flags.
 */
public final class CrashProbe {

    private CrashProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long gate = Long.parseLong(args[1]);
        List<String> flags = Arrays.asList(args).subList(2, args.length);
        EventListener probe = entry -> {
            if (entry.position() == gate) {
                append(out, "GATE " + entry.position());
                Thread.sleep(Long.MAX_VALUE);
            }
            append(out, String.valueOf(entry.position()));
        };
        Hearth.start(ConfigLoader.load(flags, Map.of()), List.of(new Hearth.Listener("probe", probe)), TestSite.FAST);
        System.out.println("PROBE STARTED");
    }

    private static void append(Path out, String line) {
        try {
            Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
