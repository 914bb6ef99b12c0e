package hearth.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Twenty members race over HTTP for an event's last seat: exactly one gets it, the rest wait in line. */
class RsvpRaceTest {

    private static final int RACERS = 20;

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community community;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        community = new Community(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void exactlyOneOfTwentyRacingMembersGetsTheLastSeat() throws Exception {
        Browser host = community.member("Racehost", "moderator");
        long id = Community.create(host, community.event("Last seat lecture", Instant.now().plus(Duration.ofDays(3)))
                .put("capacity", 2));
        host.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\"}"); // one seat left
        List<Browser> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Browser racer = community.member("Racer" + i, "member");
            racer.get("/login"); // the CSRF cookie, before the start line
            racers.add(racer);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (Browser racer : racers) {
            answers.add(pool.submit(() -> {
                go.await();
                return racer.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\"}");
            }));
        }
        go.countDown();
        int going = 0;
        int waiting = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertEquals(200, response.statusCode(), response.body());
            String status = new JsonObject(response.body()).getString("status");
            going += "going".equals(status) ? 1 : 0;
            waiting += "waitlisted".equals(status) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, going);
        assertEquals(RACERS - 1, waiting);
        assertEquals(2, community.number("SELECT seats_taken FROM events WHERE id = ?", id));
        assertEquals(2, community.number("SELECT COUNT(*) FROM event_rsvps WHERE event_id = ? AND status = 'going'",
                id));
        // Each in line has their own place: 1 to 19, no two alike.
        List<Integer> places = new ArrayList<>();
        for (Browser racer : racers) {
            int place = new JsonObject(racer.json("GET", "/api/v1/events/" + id, null).body())
                    .getJsonObject("myRsvp").getInteger("waitlistPosition");
            if (place > 0) {
                places.add(place);
            }
        }
        assertEquals(RACERS - 1, places.stream().distinct().count());
        assertEquals(RACERS - 1, places.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }
}
