package hearth.server.discussions;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching, tracking and muting: watchers hear of every post, a muted topic or category is silent and left out of
 * the latest list and the home page, writing in a topic tracks it, and the levels are set by form or API.
 */
class WatchingTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser ada;
    static Browser bodhi;
    static Browser cyd;
    static long category;
    static String categorySlug;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        ada = forum.member("Adawatch", false);
        bodhi = forum.member("Bodhiwatch", false);
        cyd = forum.member("Cydwatch", false);
        category = forum.number("SELECT MIN(id) FROM categories");
        categorySlug = forum.text("SELECT slug FROM categories WHERE id = ?", category);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** Moves the member's posts back in time, so the pace rule lets them post again at once. */
    static void rest(String username) {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        forum.execute("UPDATE posts SET created_at = ? WHERE author_id = ?", hourAgo, forum.id(username));
        forum.execute("UPDATE topics SET created_at = ? WHERE author_id = ?", hourAgo, forum.id(username));
    }

    static long topic(Browser who, String username, String title) {
        rest(username);
        HttpResponse<String> started = who.json("POST", "/api/v1/topics", "{\"categoryId\": " + category
                + ", \"title\": \"" + title + "\", \"body\": \"Let us talk about " + title + ".\"}");
        assertEquals(201, started.statusCode(), started.body());
        return forum.number("SELECT id FROM topics WHERE title = ?", title);
    }

    static void reply(Browser who, String username, long topic, String body) {
        rest(username);
        HttpResponse<String> reply = who.json("POST", "/api/v1/topics/" + topic + "/posts",
                "{\"body\": \"" + body + "\"}");
        assertEquals(201, reply.statusCode(), reply.body());
    }

    static long count(String username, String title) {
        return forum.number("SELECT COUNT(*) FROM notifications WHERE member_id = ? AND title LIKE ?",
                forum.id(username), "%" + title);
    }

    @Test
    void aWatcherHearsOfEveryPostAndAMutedTopicIsSilentAndHidden() throws Exception {
        long topic = topic(ada, "Adawatch", "Leaf mould in bags");
        String path = forum.text("SELECT slug FROM topics WHERE id = ?", topic);
        String page = "/t/" + path + "/" + topic;
        HttpResponse<String> watch = bodhi.json("PUT", "/api/v1/topics/" + topic + "/notification-level",
                "{\"level\": \"watching\"}");
        assertEquals(200, watch.statusCode(), watch.body());
        assertTrue(watch.body().contains("\"level\":\"watching\""));
        assertTrue(bodhi.get(page).body().contains("<option value=\"watching\" selected>"), "the selector shows it");
        // Ada mutes her own topic with the form on its page.
        assertEquals(303, ada.submit(page, page + "/notification-level", Map.of("level", "muted")).statusCode());

        Browser dee = forum.member("Deewatch", false);
        reply(dee, "Deewatch", topic, "Two years in black bags, then sieve.");
        eventually("Bodhi, watching, hears of Dee's post", () -> bodhi.get("/notifications").body()
                .contains("Deewatch posted in Leaf mould in bags"));
        assertEquals(0, count("Adawatch", "Leaf mould in bags"), "Ada muted her topic: no reply notification");
        assertEquals("tracking", forum.text("SELECT notification_level FROM topic_notification_levels"
                + " WHERE member_id = ? AND topic_id = ?", forum.id("Deewatch"), topic), "writing in it tracks it");

        assertFalse(ada.get("/latest").body().contains("Leaf mould in bags"), "muted: not in Ada's latest");
        assertFalse(ada.get("/").body().contains("Leaf mould in bags"), "nor on her home page");
        assertFalse(ada.json("GET", "/api/v1/topics", null).body().contains("Leaf mould in bags"));
        assertTrue(bodhi.get("/latest").body().contains("Leaf mould in bags"), "others still see it");
        assertTrue(ada.get("/c/" + categorySlug).body().contains("Leaf mould in bags"), "its category shows all");
        assertTrue(ada.get("/account/watching").body().contains("Leaf mould in bags"));

        HttpResponse<String> bad = bodhi.json("PUT", "/api/v1/topics/" + topic + "/notification-level",
                "{\"level\": \"loud\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"level\""), bad.body());
        assertEquals(404, bodhi.json("PUT", "/api/v1/topics/999999/notification-level", "{\"level\": \"muted\"}")
                .statusCode());
        assertEquals(401, new Browser(site).json("PUT", "/api/v1/topics/" + topic + "/notification-level",
                "{\"level\": \"muted\"}").statusCode());
    }

    @Test
    void aWatchedCategoryTellsOfNewTopicsAndAMutedOneIsSilentAndHidden() throws Exception {
        String categoryPage = "/c/" + categorySlug;
        assertEquals(303, cyd.submit(categoryPage, categoryPage + "/notification-level",
                Map.of("level", "watching")).statusCode());
        HttpResponse<String> mute = bodhi.json("PUT", "/api/v1/categories/" + category + "/notification-level",
                "{\"level\": \"muted\"}");
        assertEquals(200, mute.statusCode(), mute.body());
        assertTrue(cyd.get(categoryPage).body().contains("<option value=\"watching\" selected>"));

        long topic = topic(ada, "Adawatch", "Pruning gooseberries");
        reply(bodhi, "Bodhiwatch", topic, "Cut to an open goblet, @Cydwatch!");
        eventually("Cyd, watching the category, hears of the new topic", () -> cyd.get("/notifications").body()
                .contains("Adawatch posted in Pruning gooseberries"));
        eventually("Cyd hears of the mention", () -> cyd.get("/notifications").body()
                .contains("Bodhiwatch mentioned you in Pruning gooseberries"));
        reply(ada, "Adawatch", topic, "And @Bodhiwatch, when?");
        eventually("Cyd, watching, heard of both posts that did not mention her", () -> forum.number(
                "SELECT COUNT(*) FROM notifications"
                + " WHERE member_id = ? AND source_key LIKE ?", forum.id("Cydwatch"), "posted:%") >= 2);
        assertEquals(0, forum.number("SELECT COUNT(*) FROM notifications WHERE member_id = ? AND title LIKE ?",
                forum.id("Bodhiwatch"), "%gooseberries%"), "Bodhi muted the category: not even a mention reaches him");

        assertFalse(bodhi.get("/latest").body().contains("Pruning gooseberries"), "a muted category's topics");
        assertFalse(bodhi.get("/").body().contains("Pruning gooseberries"));
        assertTrue(cyd.get("/latest").body().contains("Pruning gooseberries"));
        assertTrue(bodhi.get(categoryPage).body().contains("Pruning gooseberries"), "its own page shows all");
        assertTrue(bodhi.get("/account/watching").body().contains("muted"));
        assertEquals(404, bodhi.json("PUT", "/api/v1/categories/999999/notification-level",
                "{\"level\": \"muted\"}").statusCode());
    }

    @Test
    void aDeletedAccountsLevelsGoWithIt() {
        Browser eli = forum.member("Eliwatch", false);
        long topic = topic(ada, "Adawatch", "Saving tomato seed");
        assertEquals(200, eli.json("PUT", "/api/v1/topics/" + topic + "/notification-level",
                "{\"level\": \"watching\"}").statusCode());
        assertEquals(200, eli.json("PUT", "/api/v1/categories/" + category + "/notification-level",
                "{\"level\": \"muted\"}").statusCode());
        long id = forum.id("Eliwatch");
        HttpResponse<String> deleted = eli.json("DELETE", "/api/v1/me",
                "{\"username\": \"Eliwatch\", \"password\": \"" + Forum.PASSWORD + "\"}");
        assertTrue(deleted.statusCode() < 300, deleted.body());
        assertEquals(0, forum.number("SELECT COUNT(*) FROM topic_notification_levels WHERE member_id = ?", id));
        assertEquals(0, forum.number("SELECT COUNT(*) FROM category_notification_levels WHERE member_id = ?", id));
    }
}
