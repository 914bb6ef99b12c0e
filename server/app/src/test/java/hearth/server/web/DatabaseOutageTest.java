package hearth.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.TcpProxy;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server talks to its database through a proxy that the test pauses or cuts. */
class DatabaseOutageTest {

    @TempDir
    Path dir;

    @Test
    void healthTurns503WhenTheDatabaseGoesAwayAndPagesSayItIsBrieflyUnavailable() throws Exception {
        try (TestDatabase db = TestDatabase.networked(dir.resolve("db"));
             TcpProxy proxy = new TcpProxy(db.port());
             TestSite site = TestSite.startOn(dir.resolve("data"),
                     List.of("--db-url", db.urlVia(proxy.port()), "--db-user", db.user()))) {
            assertEquals(200, site.get("/health").statusCode());

            proxy.cut();
            HttpResponse<String> health = site.get("/health");
            assertEquals(503, health.statusCode());
            JsonObject json = new JsonObject(health.body());
            assertEquals("down", json.getString("database"));
            assertEquals("unavailable", json.getString("status"));

            HttpResponse<String> home = site.get("/");
            assertEquals(503, home.statusCode(), home.body());
            assertTrue(home.body().contains("briefly unavailable"), home.body());
        }
    }

    @Test
    void stoppingLetsInFlightRequestsFinishButRefusesNewConnections() throws Exception {
        try (TestDatabase db = TestDatabase.networked(dir.resolve("db"));
             TcpProxy proxy = new TcpProxy(db.port());
             TestSite site = TestSite.startOn(dir.resolve("data"),
                     List.of("--db-url", db.urlVia(proxy.port()), "--db-user", db.user()))) {
            assertEquals(200, site.get("/").statusCode());

            proxy.pause(); // the next query waits in the proxy: its request is in flight
            // A page not asked for before: visitors' pages come from memory once rendered (PageCache).
            CompletableFuture<HttpResponse<String>> inFlight = site.http().sendAsync(
                    HttpRequest.newBuilder(site.uri("/?in-flight")).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            assertTrue(!inFlight.isDone(), "the request waits for the database");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(site::stop);
            Thread.sleep(500);
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), site.port())) {
                    s.getOutputStream().write(1);
                }
            }, "a stopping server accepts no new connections");
            assertTrue(!stopping.isDone(), "stop waits for the in-flight request");

            proxy.resume();
            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("Riverside Growers"));
            stopping.get(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
