package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topics API: read a topic, start one, reply; the same rules as the pages, errors as JSON. */
class TopicApiTest {

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
    void readsATopicWithItsPosts() {
        long id = forum.number("SELECT id FROM topics WHERE title LIKE 'Tomato leaves%'");
        HttpResponse<String> response = site.get("/api/v1/topics/" + id);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject json = new JsonObject(response.body());
        assertEquals("Tomato leaves curling upwards: should I worry?", json.getJsonObject("topic").getString("title"));
        assertEquals("Help & Support", json.getJsonObject("topic").getJsonObject("category").getString("name"));
        assertEquals(1, json.getInteger("page"));
        assertEquals(1, json.getInteger("pages"));
        JsonArray posts = json.getJsonArray("posts");
        assertEquals(4, posts.size());
        assertEquals(1, posts.getJsonObject(0).getInteger("number"));
        assertEquals("ines", posts.getJsonObject(0).getJsonObject("author").getString("username"));
        assertEquals(404, site.get("/api/v1/topics/999999").statusCode());
    }

    @Test
    void startsATopicAndRepliesToIt() {
        Browser client = forum.member("Fennel", false);
        HttpResponse<String> started = client.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", "Fennel bolting early")
                .put("body", "Mine flowered in June. Too dry?").encode());
        assertEquals(201, started.statusCode(), started.body());
        JsonObject topic = new JsonObject(started.body());
        assertEquals("fennel-bolting-early", topic.getString("slug"));
        assertEquals("/t/fennel-bolting-early/" + topic.getLong("id"), topic.getString("url"));

        Browser other = forum.member("Dill", false);
        HttpResponse<String> replied = other.json("POST", "/api/v1/topics/" + topic.getLong("id") + "/posts",
                new JsonObject().put("body", "Yes, water it more *deeply*.").encode());
        assertEquals(201, replied.statusCode(), replied.body());
        JsonObject post = new JsonObject(replied.body());
        assertEquals(2, post.getInteger("number"));
        assertEquals("<p>Yes, water it more <em>deeply</em>.</p>", post.getString("bodyHtml").strip());
        assertEquals("/t/fennel-bolting-early/" + topic.getLong("id") + "?page=1#post-2", post.getString("url"));
        assertEquals(2, new JsonObject(site.get("/api/v1/topics/" + topic.getLong("id")).body())
                .getJsonArray("posts").size());
    }

    @Test
    void brokenRulesAreJsonErrorsNamingTheField() {
        Browser client = forum.member("Sorrel", false);
        JsonObject shout = error(client.json("POST", "/api/v1/topics", new JsonObject().put("categoryId", general)
                .put("title", "SORREL IS GREAT").put("body", "It really is, try it.").encode()), 400);
        assertEquals("title", shout.getString("field"));
        assertEquals("Please don't shout: use normal capitalisation.", shout.getString("error"));
        assertEquals("categoryId", error(client.json("POST", "/api/v1/topics", new JsonObject()
                .put("title", "Sorrel soup").put("body", "A recipe, anyone?").encode()), 400).getString("field"));
        assertEquals("body", error(client.json("POST", "/api/v1/topics", "{nope"), 400).getString("field"));

        long topic = forum.number("SELECT id FROM topics WHERE title LIKE 'Tomato leaves%'");
        JsonObject tooShort = error(client.json("POST", "/api/v1/topics/" + topic + "/posts",
                new JsonObject().put("body", "Too short").encode()), 400);
        assertEquals("body", tooShort.getString("field"));
        assertEquals("Please write at least 10 characters.", tooShort.getString("error"));
        error(client.json("POST", "/api/v1/topics/999999/posts",
                new JsonObject().put("body", "Long enough to post.").encode()), 404);
        error(new Browser(site).json("POST", "/api/v1/topics/" + topic + "/posts",
                new JsonObject().put("body", "Long enough to post.").encode()), 401);
    }

    private static JsonObject error(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject json = new JsonObject(response.body());
        assertTrue(json.containsKey("error"), response.body());
        return json;
    }
}
