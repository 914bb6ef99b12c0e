package hearth.server.discussions;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topics staff schedule: hidden but for staff and the author until their time, then published once, announced then. */
class ScheduledTopicsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static long general;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        general = forum.number("SELECT id FROM categories WHERE name = 'General'");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aScheduledTopicIsHiddenUntilItsTimeThenPublishedOnce() throws Exception {
        Browser author = staff("Almanac", "moderator");
        Browser colleague = staff("Calendar", "admin");
        Browser member = forum.member("Reader", false);
        JsonObject topic = schedule(author, "Spring planting day announced", Instant.now().plusSeconds(4), 201);
        String page = topic.getString("url");
        long id = topic.getLong("id");
        assertTrue(topic.getString("publishAt") != null);

        HttpResponse<String> own = author.get(page);
        assertEquals(200, own.statusCode());
        assertTrue(own.body().contains("Scheduled for"), own.body());
        assertEquals(200, colleague.get(page).statusCode());
        assertEquals(404, member.get(page).statusCode());
        assertEquals(404, site.get(page).statusCode());
        assertEquals(404, site.get("/api/v1/topics/" + id).statusCode());
        for (String list : new String[] {"/latest", "/c/general", "/api/v1/topics?order=latest", "/feeds/latest"}) {
            assertFalse(colleague.get(list).body().contains("Spring planting day"), list);
        }
        assertEquals(0, events(id));
        assertEquals(403, author.submit(page, page + "/reply", Map.of("body", "Not before it is out.")).statusCode());

        eventually("the topic is published", () -> site.get(page).statusCode() == 200);
        assertFalse(site.get(page).body().contains("Scheduled for"));
        assertTrue(site.get("/latest").body().contains("Spring planting day announced"));
        assertTrue(site.get("/feeds/latest").body().contains("Spring planting day announced"));
        Thread.sleep(1500);
        assertEquals(1, events(id), "TopicCreated is recorded once, at publication");
        assertEquals(303, member.submit(page, page + "/reply", Map.of("body", "Count me in for planting!"))
                .statusCode());
    }

    @Test
    void staffPublishNowOrReschedule() {
        Browser author = staff("Herbarium", "moderator");
        Browser member = forum.member("Onlooker", false);
        JsonObject topic = schedule(author, "Harvest festival plans", Instant.parse("2999-01-01T10:00:00Z"), 201);
        String page = topic.getString("url");
        long id = topic.getLong("id");

        assertEquals(403, member.json("POST", "/api/v1/topics/" + id + "/publish", "{}").statusCode());
        HttpResponse<String> moved = author.json("POST", "/api/v1/topics/" + id + "/publish",
                new JsonObject().put("publishAt", "2998-06-01T09:00:00Z").encode());
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("2998-06-01T09:00:00Z", new JsonObject(moved.body()).getString("publishAt"));
        HttpResponse<String> rescheduled = author.submit(page, page + "/schedule",
                Map.of("publishAt", "2997-03-01T08:30"));
        assertEquals(303, rescheduled.statusCode(), rescheduled.body());
        assertEquals("2997-03-01 08:30:00", forum.text("SELECT publish_at FROM topics WHERE id = ?", id)
                .substring(0, 19));
        assertEquals(404, site.get(page).statusCode());

        assertEquals(303, author.submit(page, page + "/publish", Map.of()).statusCode());
        assertEquals(200, site.get(page).statusCode());
        assertTrue(site.get("/latest").body().contains("Harvest festival plans"));
        assertEquals(1, events(id));
        assertEquals(400, author.json("POST", "/api/v1/topics/" + id + "/publish", "{}").statusCode());
    }

    @Test
    void onlyStaffScheduleAndOnlyInTheFuture() {
        Browser member = forum.member("Planner", false);
        HttpResponse<String> refused = member.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", "My own schedule").put("body", "Members cannot do this.")
                .put("publishAt", "2999-01-01T00:00:00Z").encode());
        assertEquals(403, refused.statusCode(), refused.body());
        assertFalse(member.get("/new-topic").body().contains("publishAt"), "members get no such field");
        Browser mod = staff("Sundial", "moderator");
        assertTrue(mod.get("/new-topic").body().contains("name=\"publishAt\""));
        JsonObject past = new JsonObject(mod.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", "Back in time").put("body", "This should be refused.")
                .put("publishAt", "2001-01-01T00:00:00Z").encode()).body());
        assertEquals("publishAt", past.getString("field"));
        HttpResponse<String> badForm = mod.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(general), "title", "Garbled time", "body", "The time is not a time.",
                "publishAt", "tomorrow-ish"));
        assertEquals(400, badForm.statusCode());
        assertTrue(badForm.body().contains("Give a date and time like 2026-12-24T18:00."), badForm.body());
        HttpResponse<String> viaForm = mod.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(general), "title", "Scheduled from the form", "body", "Out in the far future.",
                "publishAt", "2999-05-05T05:05"));
        assertEquals(303, viaForm.statusCode(), viaForm.body());
        assertTrue(mod.get(viaForm.headers().firstValue("location").orElseThrow()).body().contains("Scheduled for"));
    }

    private static Browser staff(String username, String role) {
        forum.member(username, false);
        forum.execute("UPDATE members SET role = ? WHERE username_key = ?", role, username.toLowerCase());
        return forum.logIn(username);
    }

    private static JsonObject schedule(Browser author, String title, Instant at, int status) {
        HttpResponse<String> response = author.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", title).put("body", "All welcome, bring your own tools.")
                .put("publishAt", at.toString()).encode());
        assertEquals(status, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static long events(long topicId) {
        return forum.number("SELECT COUNT(*) FROM journal WHERE event_type = 'TopicCreated' AND payload LIKE ?",
                "%\"topicId\":" + topicId + ",%");
    }
}
