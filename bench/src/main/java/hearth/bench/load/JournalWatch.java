package hearth.bench.load;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Follows how far the server's journal listeners are behind (GET /health reports it) while replies pour in, then
 * waits for them to catch up: the figure that tells whether derived work keeps pace with writes.
 */
final class JournalWatch {

    record Lag(long maxBehind, long behindAtEnd, long drainMillis) {
    }

    private final URI health;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxBehind;

    JournalWatch(URI base) {
        this.health = base.resolve("/health");
        this.thread = Thread.ofPlatform().daemon().name("journal-watch").start(() -> {
            while (running) {
                maxBehind = Math.max(maxBehind, behind());
                ServerProcess.sleep(250);
            }
        });
    }

    Lag stopAndDrain(Duration limit) {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long atEnd = behind();
        maxBehind = Math.max(maxBehind, atEnd);
        long began = System.nanoTime();
        long deadline = began + limit.toNanos();
        while (behind() > 0 && System.nanoTime() < deadline) {
            ServerProcess.sleep(50);
        }
        return new Lag(maxBehind, atEnd, (System.nanoTime() - began) / 1_000_000);
    }

    private long behind() {
        try {
            String body = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new JsonObject(body).getJsonObject("journal").getLong("behind");
        } catch (Exception e) {
            return 0;
        }
    }
}
