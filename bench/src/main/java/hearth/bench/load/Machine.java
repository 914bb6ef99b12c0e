package hearth.bench.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The facts about the machine a report needs to be read right: cores, CPU, memory, Java and database versions. */
final class Machine {

    private Machine() {
    }

    static JsonObject describe() {
        return new JsonObject()
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("cpu", procLine("/proc/cpuinfo", "model name"))
                .put("memory", procLine("/proc/meminfo", "MemTotal"))
                .put("java", "Java " + Runtime.version())
                .put("database", command("mariadb", "--version"))
                .put("wrk", command("wrk", "--version"));
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("?");
            p.waitFor();
            return out.trim();
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
