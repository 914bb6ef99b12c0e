package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authors delete and restore their posts: a deleted post keeps its place behind a notice, drops out of search,
 * feeds and likes; an opening post goes only while nobody else replied, and takes its topic with it.
 */
class PostDeletionTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Threads threads;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        threads = new Threads(forum);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aDeletedReplyShowsANoticeDropsOutAndComesBack() {
        Browser author = forum.member("Yarrowby", false);
        Threads.Thread thread = threads.start(author, "Asparagus beds in spring", "When do I stop cutting spears?");
        Browser replier = forum.member("Chervil", false);
        long reply = threads.reply(replier, thread, "Midsummer day: zanzibarquill the rest.");
        assertTrue(site.get("/search?q=zanzibarquill").body().contains("Asparagus beds in spring"));

        assertEquals(403, author.submit(thread.page(), "/p/" + reply + "/delete", Map.of()).statusCode());
        assertEquals(403, author.json("DELETE", "/api/v1/posts/" + reply, null).statusCode());
        assertEquals(401, new Browser(site).json("DELETE", "/api/v1/posts/" + reply, null).statusCode());
        HttpResponse<String> deleted = replier.submit(thread.page(), "/p/" + reply + "/delete", Map.of());
        assertEquals(303, deleted.statusCode(), deleted.body());

        String page = site.get(thread.page()).body();
        assertTrue(page.contains("This post was deleted by its author."), page);
        assertFalse(page.contains("zanzibarquill"));
        assertTrue(page.contains("id=\"post-2\""), "it keeps its place");
        assertFalse(site.get("/search?q=zanzibarquill").body().contains("Asparagus beds in spring"));
        assertFalse(site.get("/feeds/t/" + thread.topicId()).body().contains("zanzibarquill"));
        JsonObject api = new JsonObject(site.get("/api/v1/topics/" + thread.topicId()).body());
        JsonObject shown = api.getJsonArray("posts").getJsonObject(1);
        assertTrue(shown.getBoolean("deleted"));
        assertEquals("", shown.getString("bodyHtml"));
        assertEquals(409, author.json("POST", "/api/v1/posts/" + reply + "/like", "{\"liked\": true}").statusCode());
        assertEquals(1, forum.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%PostDeleted'"
                + " AND payload LIKE ?", "%\"postId\":" + reply + ",%"));

        Browser moderator = threads.moderator("Lovage");
        assertTrue(moderator.get(thread.page()).body().contains("zanzibarquill"), "moderators still read it");
        assertTrue(replier.get(thread.page()).body().contains("action=\"/p/" + reply + "/restore\""));
        HttpResponse<String> restored = replier.json("POST", "/api/v1/posts/" + reply + "/restore", null);
        assertEquals(200, restored.statusCode(), restored.body());
        assertFalse(new JsonObject(restored.body()).getBoolean("deleted"));
        assertTrue(site.get(thread.page()).body().contains("zanzibarquill"));
        assertTrue(site.get("/search?q=zanzibarquill").body().contains("Asparagus beds in spring"));
    }

    @Test
    void theOpeningPostOfATopicOthersAnsweredStays() {
        Browser author = forum.member("Burnet", false);
        Threads.Thread thread = threads.start(author, "Salad burnet flavour", "Tastes of cucumber to me.");
        threads.reply(forum.member("Purslane", false), thread, "To me as well, very fresh.");
        HttpResponse<String> refused = author.json("DELETE", "/api/v1/posts/" + thread.openingPost(), null);
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(new JsonObject(refused.body()).getString("error").contains("others have replied to"));
        assertEquals(409, author.submit(thread.page(), "/p/" + thread.openingPost() + "/delete", Map.of())
                .statusCode());
        assertEquals(null, forum.text("SELECT deleted_at FROM posts WHERE id = ?", thread.openingPost()));
    }

    @Test
    void deletingAnUnansweredOpeningPostHidesTheTopicUntilRestored() {
        Browser author = forum.member("Samphire", false);
        Threads.Thread thread = threads.start(author, "Marsh samphire foraging", "Where along the coast?");
        HttpResponse<String> deleted = author.submit(thread.page(), "/p/" + thread.openingPost() + "/delete",
                Map.of());
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals(404, site.get(thread.page()).statusCode());
        assertEquals(404, site.get("/api/v1/topics/" + thread.topicId()).statusCode());
        assertFalse(site.get("/latest").body().contains("Marsh samphire foraging"));
        assertFalse(site.get("/feeds/latest").body().contains("Marsh samphire foraging"));
        assertEquals(404, forum.member("Glasswort", false).json("POST", "/api/v1/topics/" + thread.topicId()
                + "/posts", "{\"body\": \"Replying to a deleted topic.\"}").statusCode());
        String own = author.get(thread.page()).body();
        assertTrue(own.contains("This topic was deleted"), own);

        assertEquals(303, author.submit(thread.page(), "/p/" + thread.openingPost() + "/restore", Map.of())
                .statusCode());
        assertEquals(200, site.get(thread.page()).statusCode());
        assertTrue(site.get("/latest").body().contains("Marsh samphire foraging"));
    }

    @Test
    void aPostAModeratorDeletedOnlyAModeratorRestores() {
        Browser author = forum.member("Sweetcicely", false);
        Threads.Thread thread = threads.start(author, "Sweet cicely seeds", "They taste of aniseed.");
        threads.agePost(thread.openingPost());
        long reply = threads.reply(author, thread, "And the leaves sweeten rhubarb.");
        Browser moderator = threads.moderator("Woodruff");
        assertEquals(200, moderator.json("DELETE", "/api/v1/posts/" + reply, null).statusCode());
        assertTrue(site.get(thread.page()).body().contains("This post was deleted by a moderator."));
        assertEquals(403, author.json("POST", "/api/v1/posts/" + reply + "/restore", null).statusCode());
        assertEquals(200, moderator.json("POST", "/api/v1/posts/" + reply + "/restore", null).statusCode());
        assertEquals(null, forum.text("SELECT deleted_at FROM posts WHERE id = ?", reply));
    }
}
