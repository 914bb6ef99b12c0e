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

/** Bookmarks: kept per member, listed, removed, and a due reminder arrives once as a notification. */
class BookmarksTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void bookmarkListRemindAndRemove() throws Exception {
        Browser keeper = forum.member("Keepsake", false);
        long topic = forum.number("SELECT MIN(id) FROM topics");
        long post = forum.number("SELECT MAX(id) FROM posts WHERE topic_id = ?", topic);
        String title = forum.text("SELECT title FROM topics WHERE id = ?", topic);
        String page = "/t/" + forum.text("SELECT slug FROM topics WHERE id = ?", topic) + "/" + topic;

        HttpResponse<String> saved = keeper.submit(page, "/p/" + post + "/bookmark", Map.of("remindIn", "1h"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("/p/" + post, saved.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> back = keeper.get("/p/" + post);
        assertEquals(303, back.statusCode());
        assertTrue(back.headers().firstValue("Location").orElseThrow().startsWith(page + "?page="));
        assertTrue(keeper.get(page).body().contains("Bookmarked"));
        String list = keeper.get("/bookmarks").body();
        assertTrue(list.contains(title) && list.contains("reminder"), list);

        HttpResponse<String> bad = keeper.json("PUT", "/api/v1/posts/" + post + "/bookmark",
                "{\"note\": \"later\", \"remindIn\": \"1y\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"remindIn\""), bad.body());
        assertEquals(204, keeper.json("PUT", "/api/v1/posts/" + post + "/bookmark",
                "{\"note\": \"read again\", \"remindIn\": \"1h\"}").statusCode());
        assertTrue(keeper.json("GET", "/api/v1/bookmarks", null).body().contains("\"note\":\"read again\""));
        assertEquals(404, keeper.json("PUT", "/api/v1/posts/999999/bookmark", "{}").statusCode());

        // The reminder falls due (as if an hour had passed): one notification, however often the check runs.
        forum.execute("UPDATE bookmarks SET remind_at = ? WHERE post_id = ?", Instant.now().minusSeconds(60), post);
        eventually("the reminder", () -> keeper.get("/notifications").body()
                .contains("Reminder: " + title + ": read again"));
        Thread.sleep(TestSite.CHORES.multipliedBy(2).toMillis()); // another round of the reminder check
        assertEquals(1, forum.number("SELECT COUNT(*) FROM notifications WHERE kind = 'bookmark-reminders'"));

        assertEquals(204, keeper.json("DELETE", "/api/v1/posts/" + post + "/bookmark", null).statusCode());
        assertFalse(keeper.get("/bookmarks").body().contains(title));
        assertEquals(401, new Browser(site).json("GET", "/api/v1/bookmarks", null).statusCode());
    }

}
