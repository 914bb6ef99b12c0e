package hearth.server.discussions;

import static hearth.server.testing.Eventually.eventually;
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

/** Likes: one per member per post, not on one's own, counted, listed, and told to the author in one notification. */
class LikesTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser author;
    static Browser ada;
    static Browser bodhi;
    static long post;
    static String page;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        author = forum.member("Authoress", false);
        ada = forum.member("Adaline", false);
        bodhi = forum.member("Bodhisattva", false);
        long category = forum.number("SELECT MIN(id) FROM categories");
        HttpResponse<String> started = author.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(category), "title", "Runner beans or French beans", "body", "Which do you grow?"));
        assertEquals(303, started.statusCode(), started.body());
        page = started.headers().firstValue("Location").orElseThrow();
        post = forum.number("SELECT p.id FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.title = ?"
                + " AND p.post_number = 1", "Runner beans or French beans");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void membersLikeOnceTheAuthorHearsOnceAndNobodyLikesTheirOwn() throws Exception {
        assertEquals(303, ada.submit(page, "/p/" + post + "/like", Map.of("like", "yes")).statusCode());
        assertEquals(303, ada.submit(page, "/p/" + post + "/like", Map.of("like", "yes")).statusCode());
        HttpResponse<String> api = bodhi.json("POST", "/api/v1/posts/" + post + "/like", "{\"liked\": true}");
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"likes\":2"), api.body());
        assertTrue(site.get(page).body().contains("2 likes"));
        assertTrue(ada.get(page).body().contains("aria-pressed=\"true\""));
        assertFalse(author.get(page).body().contains("action=\"/p/" + post + "/like\""), "no button on one's own");
        HttpResponse<String> own = author.json("POST", "/api/v1/posts/" + post + "/like", "{\"liked\": true}");
        assertEquals(403, own.statusCode());
        assertTrue(own.body().contains("You cannot like your own post."));

        String who = site.get("/p/" + post + "/likes").body();
        assertTrue(who.contains("Adaline") && who.contains("Bodhisattva"), who);
        assertTrue(site.get("/api/v1/posts/" + post + "/likes").body().contains("\"username\":\"Adaline\""));

        eventually("the likes notification", () -> author.get("/notifications").body()
                .contains("and 1 other liked your post in Runner beans"));
        assertEquals(1, forum.number("SELECT COUNT(*) FROM notifications WHERE kind = 'likes'"), "batched");
        assertEquals(2, forum.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%PostLiked'"));

        assertEquals(303, ada.submit(page, "/p/" + post + "/like", Map.of()).statusCode(), "taken back");
        assertTrue(site.get(page).body().contains("1 like<"));
        assertEquals(400, ada.json("POST", "/api/v1/posts/" + post + "/like", "{\"liked\": \"yes\"}").statusCode());
        assertEquals(404, ada.json("POST", "/api/v1/posts/999999/like", "{\"liked\": true}").statusCode());
        assertEquals(401, new Browser(site).json("POST", "/api/v1/posts/" + post + "/like", "{\"liked\": true}")
                .statusCode());
    }

}
