package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.Main;
import hearth.server.testing.Browser;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar hearth.jar api-key ...} in its own JVM: the key alone on stdout, one-line errors, keys that work. */
class ApiKeyCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsOnlyTheKeyAndRefusesUnknownUsersAndAdminScopeForMembers() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(dir)) {
            List<String> settings = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
            settings.addAll(db.flags());

            Outcome admin = run(settings, "create-admin", "--username", "Willow", "--email", "willow@example.org",
                    "--password", "long-and-unusual-42");
            assertEquals(0, admin.exit(), admin.stderr());

            Outcome deploy = run(settings, "api-key", "--user", "willow", "--scope", "admin", "--name", "Deploy");
            assertEquals(0, deploy.exit(), deploy.stderr());
            assertTrue(deploy.stdout().matches("hearth_[A-Za-z0-9_-]{43}\n"), "stdout is the key alone: ["
                    + deploy.stdout() + "]");
            String deployKey = deploy.stdout().strip();

            assertRefused(run(settings, "api-key", "--user", "nobody"), "hearth: --user: No member is named nobody.");
            assertRefused(run(settings, "api-key", "--user", "willow", "--scope", "root"),
                    "hearth: --scope: Choose read, write or admin.");
            assertRefused(run(settings, "api-key", "--scope", "read"), "hearth: Option --user is required; see --help");

            try (TestSite site = TestSite.startOn(dir.resolve("data"), db.flags(), "--no-demo")) {
                Browser aspen = new Browser(site);
                assertEquals(303, aspen.submit("/signup", "/signup", Map.of("username", "Aspen", "email",
                        "aspen@example.org", "password", "compost-heap-42", "terms", "yes")).statusCode());
            }

            assertRefused(run(settings, "api-key", "--user", "aspen", "--scope", "admin"),
                    "hearth: --scope: Only admins' keys may have the admin scope; Aspen is a member.");
            Outcome read = run(settings, "api-key", "--user", "aspen");
            assertEquals(0, read.exit(), read.stderr());
            String readKey = read.stdout().strip();

            try (TestSite site = TestSite.startOn(dir.resolve("data"), db.flags(), "--no-demo")) {
                HttpResponse<String> me = call(site, "GET", "/api/v1/me", readKey);
                assertEquals(200, me.statusCode(), me.body());
                assertEquals("Aspen", new JsonObject(me.body()).getString("username"));
                assertEquals(403, call(site, "DELETE", "/api/v1/me/sessions", readKey).statusCode(),
                        "read is the default scope");

                HttpResponse<String> listed = call(site, "GET", "/api/v1/admin/api-keys", deployKey);
                assertEquals(200, listed.statusCode(), listed.body());
                JsonArray keys = new JsonObject(listed.body()).getJsonArray("keys");
                assertEquals(2, keys.size(), keys.encode());
                JsonObject aspens = keys.getJsonObject(0);
                assertEquals(List.of("Command line key", "Aspen", "read"), List.of(aspens.getString("name"),
                        aspens.getString("user"), aspens.getString("scope")));
                assertEquals(null, aspens.getString("createdBy"), "made on the command line");
                assertEquals("Deploy", keys.getJsonObject(1).getString("name"));
            }
        }
    }

    private record Outcome(int exit, String stdout, String stderr) {
    }

    private static void assertRefused(Outcome outcome, String line) {
        assertEquals(2, outcome.exit(), outcome.stderr());
        assertEquals("", outcome.stdout(), "nothing a script could mistake for a key");
        assertTrue(outcome.stderr().lines().anyMatch(line::equals), outcome.stderr());
        assertEquals(1, outcome.stderr().lines().filter(l -> l.startsWith("hearth: ")).count(), outcome.stderr());
    }

    /** Runs Main in a child JVM with stdout and stderr kept apart. */
    private Outcome run(List<String> settings, String command, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), command));
        args.addAll(List.of(options));
        args.addAll(settings);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(args).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HEARTH_"));
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Still running after 60 s: " + args);
        }
        return new Outcome(process.exitValue(), stdout, Files.readString(err));
    }

    private static HttpResponse<String> call(TestSite site, String method, String path, String key)
            throws IOException, InterruptedException {
        return site.http().send(HttpRequest.newBuilder(site.uri(path)).header("Authorization", "Bearer " + key)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
