package hearth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.ChildJvm;
import hearth.server.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, as operators and Docker run it: from any directory, with its themes inside. */
class RunnableJarIT {

    @TempDir
    Path elsewhere;

    @Test
    void runsFromAnyDirectoryServesTheDemoSiteAndStopsOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("hearth.test.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        try (TestDatabase db = TestDatabase.fresh(elsewhere)) {
            List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", "site-data"));
            args.addAll(db.flags());
            try (ChildJvm hearth = ChildJvm.jar(jar, elsewhere, args)) {
                String url = hearth.awaitUrl();
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(url + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, home.statusCode());
                assertTrue(home.body().contains("Welcome to the Riverside Growers community!"));
                assertTrue(Files.isDirectory(elsewhere.resolve("site-data")), "the data dir is relative to the cwd");

                hearth.terminate();
                int exit = hearth.awaitExit(Duration.ofSeconds(30));
                assertTrue(hearth.output().contains("Hearth stopped"), "exit " + exit + "\n" + hearth.output());
            }
        }
    }
}
