package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moderators pin and close topics, from the topic page and the API; members may not. */
class TopicModerationTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser moderator;
    static Browser member;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        forum.member("Marguerite", false);
        forum.execute("UPDATE members SET role = 'moderator' WHERE username_key = 'marguerite'");
        moderator = forum.logIn("Marguerite");
        member = forum.member("Wrenfield", false);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static String path(long topic) {
        return "/t/" + forum.text("SELECT slug FROM topics WHERE id = ?", topic) + "/" + topic;
    }

    @Test
    void aPinnedTopicComesFirstAndOnlyModeratorsPin() {
        long oldest = forum.number("SELECT MIN(id) FROM topics");
        String page = path(oldest);
        assertFalse(member.get(page).body().contains("class=\"moderation\""));
        assertEquals(403, member.submit(page, page + "/pin", Map.of("scope", "site")).statusCode());
        assertTrue(moderator.get(page).body().contains("class=\"moderation\""));
        assertEquals(303, moderator.submit(page, page + "/pin", Map.of("scope", "site")).statusCode());
        String latest = site.get("/latest").body();
        assertTrue(latest.indexOf("data-topic=\"" + oldest + "\"") < latest.indexOf("data-topic=\"", latest
                .indexOf("data-topic=\"") + 1), "first on the list");
        assertTrue(site.get(page).body().contains("Pinned everywhere"));
        assertEquals(400, moderator.submit(page, page + "/pin", Map.of("scope", "forever")).statusCode());
        assertEquals(1, forum.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%TopicPinned'"));
    }

    @Test
    void aClosedTopicTakesNoRepliesUntilOpenedAgain() {
        long topic = forum.number("SELECT MAX(id) FROM topics WHERE category_id IS NOT NULL");
        String page = path(topic);
        assertEquals(303, moderator.submit(page, page + "/close", Map.of("closed", "yes")).statusCode());
        String shown = member.get(page).body();
        assertTrue(shown.contains("This topic is closed: it takes no new replies."), shown);
        HttpResponse<String> refused = member.submit(page, page + "/reply", Map.of("body", "Still here, though?"));
        assertEquals(403, refused.statusCode());
        HttpResponse<String> api = member.json("POST", "/api/v1/topics/" + topic + "/posts",
                "{\"body\": \"Still here, though?\"}");
        assertEquals(403, api.statusCode());

        HttpResponse<String> reopened = moderator.json("POST", "/api/v1/topics/" + topic + "/close",
                "{\"closed\": false}");
        assertEquals(200, reopened.statusCode(), reopened.body());
        assertTrue(reopened.body().contains("\"closed\":false"));
        assertEquals(303, member.submit(page, page + "/reply", Map.of("body", "Glad it is open again.")).statusCode());
        assertEquals(403, member.json("POST", "/api/v1/topics/" + topic + "/close", "{\"closed\": true}")
                .statusCode());
        assertEquals(400, moderator.json("POST", "/api/v1/topics/" + topic + "/close", "{\"closed\": \"yes\"}")
                .statusCode());
    }
}
