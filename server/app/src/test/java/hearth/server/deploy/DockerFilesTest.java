package hearth.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the tests run, so the Dockerfile, the compose file and the Caddyfile are checked as
 * text: what they copy exists, their ports and HEARTH_* variables are Hearth's settings, the command is the README's.
 */
class DockerFilesTest {

    private static final Path ROOT = root();
    private static final Set<String> ENV_VARS = Arrays.stream(Setting.values()).map(Setting::envVar)
            .collect(Collectors.toSet());

    private static Path root() {
        Path dir = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../..")).toAbsolutePath();
        return Files.exists(dir.resolve("docker")) ? dir : Path.of("../..").toAbsolutePath();
    }

    @Test
    void theDockerfileBuildsWithTheWrapperAndRunsTheReadmesCommandAsAnUnprivilegedUser() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        List<String> lines = instructions(dockerfile);
        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                List<String> parts = new ArrayList<>(List.of(line.substring(5).trim().split("\\s+")));
                parts.removeLast(); // the destination
                for (String source : parts) {
                    assertTrue(Files.exists(ROOT.resolve(source)), "the build context has " + source);
                }
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN ") && l.contains("./mvnw -B -DskipTests")),
                "built with the Maven wrapper, like the README says");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY --from=build /src/server/app/target/hearth.jar ")),
                "the runnable jar the build makes (server/app/pom.xml's shade outputFile)");
        assertEquals(2, lines.stream().filter(l -> l.startsWith("FROM ")).count(), "multi-stage");
        assertTrue(lines.stream().filter(l -> l.startsWith("FROM ")).toList().getLast().contains("-jre"),
                "a JRE at run time");
        Matcher java = Pattern.compile("FROM eclipse-temurin:(\\d+)-").matcher(dockerfile);
        while (java.find()) {
            assertTrue(Integer.parseInt(java.group(1)) >= 21, "Java 21 or newer");
        }

        String user = lines.stream().filter(l -> l.startsWith("USER ")).findFirst().orElseThrow().substring(5).trim();
        assertTrue(!user.equals("root") && !user.equals("0"), "not root: " + user);

        Map<String, String> env = env(lines);
        env.keySet().stream().filter(k -> k.startsWith("HEARTH_"))
                .forEach(k -> assertTrue(ENV_VARS.contains(k), k + " is a setting"));
        String port = env.get(Setting.PORT.envVar());
        assertEquals(Setting.PORT.defaultValue(), port);
        assertTrue(lines.contains("EXPOSE " + port), "exposes the port Hearth listens on");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("VOLUME ") && l.contains(env.get("HEARTH_DATA_DIR"))),
                "the data dir is a volume");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ")
                && l.contains("http://127.0.0.1:" + port + "/health")), "checks /health");

        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        String command = String.join(" ", Pattern.compile("\"([^\"]+)\"").matcher(entrypoint).results()
                .map(m -> m.group(1)).toList());
        assertEquals("java -jar hearth.jar", command);
        assertTrue(Files.readString(ROOT.resolve("README.md")).contains("`" + command + " "),
                "the README runs the same command");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeFileRunsHearthOnMariaDbThroughItsSettings() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker/compose.yaml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> mariadb = (Map<String, Object>) services.get("mariadb");
        Map<String, Object> hearth = (Map<String, Object>) services.get("hearth");
        Map<String, Object> caddy = (Map<String, Object>) services.get("caddy");

        Map<String, Object> build = (Map<String, Object>) hearth.get("build");
        Path context = ROOT.resolve("docker").resolve((String) build.get("context")).normalize();
        assertEquals(ROOT.normalize(), context, "builds from the repository root");
        assertTrue(Files.exists(context.resolve((String) build.get("dockerfile"))));

        Map<String, Object> env = (Map<String, Object>) hearth.get("environment");
        env.keySet().forEach(k -> assertTrue(ENV_VARS.contains(k), k + " is a setting"));
        Map<String, Object> dbEnv = (Map<String, Object>) mariadb.get("environment");
        assertEquals("jdbc:mariadb://mariadb:3306/" + dbEnv.get("MARIADB_DATABASE"), env.get("HEARTH_DB_URL"));
        assertEquals(dbEnv.get("MARIADB_USER"), env.get("HEARTH_DB_USER"));
        assertTrue(((List<String>) mariadb.get("command")).contains("--character-set-server=utf8mb4"));
        assertTrue(mariadb.containsKey("healthcheck"));
        assertEquals("service_healthy",
                ((Map<String, Map<String, Object>>) hearth.get("depends_on")).get("mariadb").get("condition"),
                "Hearth waits for MariaDB");

        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        assertTrue(((List<String>) mariadb.get("volumes")).stream()
                .anyMatch(v -> volumes.containsKey(v.split(":")[0]) && v.endsWith(":/var/lib/mysql")), "named");
        String dataDir = Files.readString(ROOT.resolve("docker/Dockerfile")).lines()
                .filter(l -> l.contains("HEARTH_DATA_DIR=")).findFirst().orElseThrow().replaceAll(".*=(\\S+).*", "$1");
        assertTrue(((List<String>) hearth.get("volumes")).stream()
                .anyMatch(v -> volumes.containsKey(v.split(":")[0]) && v.endsWith(":" + dataDir)), "the data dir");
        assertEquals(List.of(Setting.PORT.defaultValue()), hearth.get("expose"));

        String caddyfile = Files.readString(ROOT.resolve("docker/Caddyfile"));
        assertTrue(((List<String>) caddy.get("volumes")).contains("./Caddyfile:/etc/caddy/Caddyfile:ro"));
        assertTrue(caddyfile.contains("reverse_proxy hearth:" + Setting.PORT.defaultValue()), caddyfile);
        assertTrue(caddyfile.contains("flush_interval -1"), "Server-Sent Events pass unbuffered");
        assertTrue(Files.readString(ROOT.resolve("docker/hearth.env.example")).lines()
                .filter(l -> l.startsWith("HEARTH_") && !l.startsWith("HEARTH_DOMAIN="))
                .allMatch(l -> ENV_VARS.contains(l.substring(0, l.indexOf('=')))), "the example names settings");
    }

    /** The Dockerfile's instructions, each on one line (continuations joined), without comments. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            current.append(line.trim().replaceAll("\\\\$", "").trim()).append(' ');
            if (!line.trim().endsWith("\\")) {
                out.add(current.toString().trim());
                current.setLength(0);
            }
        }
        return out;
    }

    private static Map<String, String> env(List<String> lines) {
        Map<String, String> env = new java.util.HashMap<>();
        Pattern pair = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");
        lines.stream().filter(l -> l.startsWith("ENV ")).forEach(l -> {
            Matcher m = pair.matcher(l);
            while (m.find()) {
                env.put(m.group(1), m.group(2).replace("\"", ""));
            }
        });
        return env;
    }
}
