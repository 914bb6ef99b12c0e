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

/** Moderators lock (archive) topics: then only moderators reply, edit, delete or like in them. */
class LockedTopicsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Threads threads;
    static Browser moderator;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        threads = new Threads(forum);
        moderator = threads.moderator("Archivista");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aLockedTopicRefusesMembersButNotModerators() {
        Browser author = forum.member("Hyssop", false);
        Threads.Thread thread = threads.start(author, "Hyssop hedges for bees", "Low hedges of hyssop, anyone?");
        Browser member = forum.member("Catmint", false);
        long reply = threads.reply(member, thread, "Yes, mine hum all summer.");

        assertEquals(403, member.submit(thread.page(), thread.page() + "/lock", Map.of("locked", "yes"))
                .statusCode());
        assertTrue(moderator.get(thread.page()).body().contains("action=\"" + thread.page() + "/lock\""));
        assertEquals(303, moderator.submit(thread.page(), thread.page() + "/lock", Map.of("locked", "yes"))
                .statusCode());
        assertEquals(1, forum.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%TopicLocked'"
                + " AND payload LIKE ?", "%\"topicId\":" + thread.topicId() + ",%"));

        String page = member.get(thread.page()).body();
        assertTrue(page.contains("This topic is locked"), page);
        assertFalse(page.contains("href=\"/p/" + reply + "/edit\""), "no Edit link where it would be refused");
        assertFalse(page.contains("action=\"" + thread.page() + "/reply\""));
        assertFalse(page.contains("action=\"/p/" + thread.openingPost() + "/like\""), "no Like button either");
        assertEquals(403, member.json("POST", "/api/v1/topics/" + thread.topicId() + "/posts",
                "{\"body\": \"Still humming here.\"}").statusCode());
        assertEquals(403, member.json("PATCH", "/api/v1/posts/" + reply, "{\"body\": \"Yes, mine buzz all summer.\"}")
                .statusCode());
        assertEquals(403, member.get("/p/" + reply + "/edit").statusCode());
        assertEquals(403, member.json("DELETE", "/api/v1/posts/" + reply, null).statusCode());
        assertEquals(403, member.json("POST", "/api/v1/posts/" + thread.openingPost() + "/like",
                "{\"liked\": true}").statusCode());

        HttpResponse<String> modReply = moderator.json("POST", "/api/v1/topics/" + thread.topicId() + "/posts",
                "{\"body\": \"Archived: thanks, everyone.\"}");
        assertEquals(201, modReply.statusCode(), modReply.body());
        assertEquals(200, moderator.json("PATCH", "/api/v1/posts/" + reply,
                "{\"body\": \"Yes, mine hum all summer long.\"}").statusCode());

        HttpResponse<String> unlocked = moderator.json("POST", "/api/v1/topics/" + thread.topicId() + "/lock",
                "{\"locked\": false}");
        assertEquals(200, unlocked.statusCode(), unlocked.body());
        assertTrue(unlocked.body().contains("\"locked\":false"));
        assertEquals(200, member.json("POST", "/api/v1/posts/" + thread.openingPost() + "/like",
                "{\"liked\": true}").statusCode());
        assertTrue(member.get(thread.page()).body().contains("href=\"/p/" + reply + "/edit\""));
    }

    @Test
    void theLockApiIsForModeratorsAndWantsABoolean() {
        long topic = forum.number("SELECT MIN(id) FROM topics");
        Browser member = forum.member("Sage", false);
        assertEquals(403, member.json("POST", "/api/v1/topics/" + topic + "/lock", "{\"locked\": true}")
                .statusCode());
        HttpResponse<String> bad = moderator.json("POST", "/api/v1/topics/" + topic + "/lock", "{\"locked\": \"yes\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"locked\""), bad.body());
        HttpResponse<String> locked = moderator.json("POST", "/api/v1/topics/" + topic + "/lock", "{\"locked\": true}");
        assertEquals(200, locked.statusCode(), locked.body());
        assertTrue(locked.body().contains("\"locked\":true"));
        assertEquals(401, new Browser(site).json("POST", "/api/v1/topics/" + topic + "/lock", "{\"locked\": true}")
                .statusCode());
        moderator.json("POST", "/api/v1/topics/" + topic + "/lock", "{\"locked\": false}");
    }
}
