package hearth.server.volunteers;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.TestSite;
import hearth.server.testing.Trust;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volunteer health from what really happened: a volunteer who settles flags on one post (one queue item, however
 * many flags), replies and hosts an event shows those counts and how long the flags waited; a volunteer who did
 * nothing shows as quiet; only community managers see the report.
 */
class VolunteerHealthTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Volunteers fx;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        fx = new Volunteers(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void countsWhatVolunteersDidAndWhoWentQuiet() throws Exception {
        Browser admin = Members.member(site, "Healthadmin", "admin");
        Trust.letNewcomersFlag(admin);
        Browser helen = Members.member(site, "Helen", "member");
        Members.member(site, "Quinn", "member");
        Browser poster = Members.member(site, "Spammy", "member");
        long role = fx.role(admin, "Events team", true, "discussions.moderate", "moderation.review", "events.host");
        fx.grant(admin, "Helen", role, "", "Events & Meetups");
        fx.grant(admin, "Quinn", role, "30", "Events & Meetups");

        long topic = fx.topic(poster, "Events & Meetups", "Cheap tickets");
        long spam = fx.reply(poster, topic, "Cheap tickets at example dot com");
        long item = fx.flag(Members.member(site, "Flagone", "member"), spam);
        fx.flag(Members.member(site, "Flagtwo", "member"), spam);
        assertEquals(303, fx.act(helen, item, "hide", Map.of()).statusCode());
        fx.reply(helen, topic, "Hidden that one, thanks for the flags");
        Instant start = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        assertEquals(201, helen.json("POST", "/api/v1/events", fx.event("Events & Meetups", start))
                .statusCode());

        eventually("the journal reached the report (the event, last in journal order)", () -> fx.number(
                "SELECT COUNT(*) FROM volunteer_roles_actions WHERE member_id = ? AND kind = 'event'",
                fx.member("Helen")) == 1);
        assertEquals(403, helen.get("/x/volunteer-roles/health").statusCode(), "managers only");
        JsonArray volunteers = new JsonObject(admin.json("GET", "/api/v1/x/volunteer-roles/health", null).body())
                .getJsonArray("volunteers");
        JsonObject h = find(volunteers, "Helen");
        assertEquals(1, h.getJsonObject("reviews").getInteger("days7"), "two flags and a hide: one item");
        assertEquals(1, h.getJsonObject("replies").getInteger("days30"));
        assertEquals(1, h.getJsonObject("events").getInteger("days90"));
        assertTrue(h.getDouble("medianWaitHours") >= 0, h.encode());
        assertEquals(false, h.getBoolean("quiet"));
        JsonObject q = find(volunteers, "Quinn");
        assertEquals(true, q.getBoolean("quiet"));
        assertEquals(0, q.getJsonObject("reviews").getInteger("days90"));
        String page = admin.get("/x/volunteer-roles/health").body();
        assertTrue(page.contains("data-username=\"Quinn\" class=\"quiet\""), page);
        assertTrue(page.contains("Events team"), "the calendar lists Quinn's grant, which ends in 30 days");
    }

    private static JsonObject find(JsonArray volunteers, String username) {
        for (int i = 0; i < volunteers.size(); i++) {
            if (volunteers.getJsonObject(i).getString("username").equals(username)) {
                return volunteers.getJsonObject(i);
            }
        }
        throw new AssertionError(username + " is not in " + volunteers.encode());
    }
}
