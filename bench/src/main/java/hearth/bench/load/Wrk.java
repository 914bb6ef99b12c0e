package hearth.bench.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs wrk (the Debian package) with the bench's Lua script and reads the JSON line the script prints. */
final class Wrk {

    /** {@code refused}: the first refusal's status and message, or null. */
    record Result(long requests, double seconds, long errors, long statusErrors, double p50ms, double p90ms,
                  double p99ms, double maxMs, String refused) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private final Path script;

    Wrk(Path script) {
        this.script = script;
    }

    Result run(URI base, int connections, Duration duration, List<String> headers, Path paths, String mode,
               Path keys) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString()));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(base.toString());
        command.add("--");
        command.add(paths.toString());
        command.add(mode);
        if (keys != null) {
            command.add(keys.toString());
            command.add("2"); // wrk's threads, above
        }
        String output;
        try {
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run wrk (apt-get install wrk): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String json = output.lines().filter(l -> l.startsWith("JSON ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result:\n" + output)).substring(5);
        JsonObject r = new JsonObject(json);
        return new Result(r.getLong("requests"), r.getLong("duration_us") / 1e6,
                r.getLong("connect_errors") + r.getLong("read_errors") + r.getLong("write_errors")
                        + r.getLong("timeouts"),
                r.getLong("status_errors"), r.getLong("p50_us") / 1e3, r.getLong("p90_us") / 1e3,
                r.getLong("p99_us") / 1e3, r.getLong("max_us") / 1e3,
                output.lines().filter(l -> l.startsWith("REFUSED ")).map(l -> l.substring(8)).findFirst()
                        .orElse(null));
    }
}
