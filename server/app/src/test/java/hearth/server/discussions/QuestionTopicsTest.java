package hearth.server.discussions;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Question topics: the asker or a moderator accepts one reply as the answer (pages and API), the answer is
 * highlighted and summarised, rows say question or solved, and the answer's author is told once.
 */
class QuestionTopicsTest {

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

    private static long reply(Browser member, long topic, String body) {
        HttpResponse<String> response = member.json("POST", "/api/v1/topics/" + topic + "/posts",
                new JsonObject().put("body", body).encode());
        assertEquals(201, response.statusCode(), response.body());
        return new JsonObject(response.body()).getLong("id");
    }

    @Test
    void theAskerAcceptsAReplyWhichIsHighlightedAndItsAuthorTold() throws Exception {
        Browser asker = forum.member("Rue", false);
        HttpResponse<String> started = asker.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(general), "title", "Why are my leeks thin?", "body", "Sown in March, still like pencils.",
                "kind", "question"));
        assertEquals(303, started.statusCode(), started.body());
        String path = started.headers().firstValue("Location").orElseThrow();
        long topic = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        assertEquals("question", forum.text("SELECT kind FROM topics WHERE id = ?", topic));
        String latest = site.get("/latest").body();
        int row = latest.indexOf("data-topic=\"" + topic + "\"");
        assertTrue(latest.indexOf("badge question", row) > row, "the row says question");

        Browser helper = forum.member("Tarragon", false);
        long answer = reply(helper, topic, "They need rich soil and lots of water.");
        Browser bystander = forum.member("Savory", false);
        long other = reply(bystander, topic, "Mine were thin too, no idea why.");
        long question = forum.number("SELECT id FROM posts WHERE topic_id = ? AND post_number = 1", topic);

        assertFalse(helper.get(path).body().contains("Accept as answer"), "only the asker sees the button");
        assertEquals(403, helper.submit(path, "/p/" + answer + "/accept", Map.of()).statusCode());
        assertEquals(403, helper.json("POST", "/api/v1/posts/" + answer + "/accept", "{}").statusCode());
        assertEquals(401, new Browser(site).json("POST", "/api/v1/posts/" + answer + "/accept", "{}").statusCode());
        assertEquals(0, forum.number("SELECT COUNT(*) FROM topics WHERE id = ? AND accepted_post_id IS NOT NULL",
                topic));

        assertTrue(asker.get(path).body().contains("Accept as answer"));
        HttpResponse<String> firstPost = asker.submit(path, "/p/" + question + "/accept", Map.of());
        assertEquals(400, firstPost.statusCode());
        assertTrue(firstPost.body().contains("The question itself cannot be its answer"), firstPost.body());

        HttpResponse<String> accepted = asker.submit(path, "/p/" + answer + "/accept", Map.of());
        assertEquals(303, accepted.statusCode(), accepted.body());
        assertTrue(accepted.headers().firstValue("Location").orElseThrow().endsWith("#post-2"));
        String page = site.get(path).body();
        assertTrue(page.contains("Solved — <a href=\"" + path + "?page=1#post-2\">answer by Tarragon</a>"), page);
        assertTrue(page.contains("class=\"post accepted-answer\" id=\"post-2\""), page);
        assertFalse(page.contains("class=\"post accepted-answer\" id=\"post-3\""));
        latest = site.get("/latest").body();
        row = latest.indexOf("data-topic=\"" + topic + "\"");
        assertTrue(latest.indexOf("badge solved", row) > row, "the row says solved");
        JsonObject json = new JsonObject(site.get("/api/v1/topics/" + topic).body()).getJsonObject("topic");
        assertEquals(answer, json.getLong("acceptedPostId"));

        eventually("Tarragon hears their answer was accepted",
                () -> helper.get("/notifications").body().contains("Rue accepted your answer in Why are my leeks thin?"));
        // Accepting again changes nothing and tells nobody twice.
        assertEquals(303, asker.submit(path, "/p/" + answer + "/accept", Map.of()).statusCode());
        assertEquals(1, forum.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%AnswerAccepted'"
                + " AND payload LIKE ?", "%\"topicId\":" + topic + ",%"));
        Thread.sleep(600);
        assertEquals(1, forum.number("SELECT COUNT(*) FROM notifications WHERE kind = 'accepted_answer'"
                + " AND member_id = ?", forum.id("Tarragon")));

        // Moving the mark to another reply, then clearing it through the API.
        HttpResponse<String> moved = asker.json("POST", "/api/v1/posts/" + other + "/accept", "{}");
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals(other, new JsonObject(moved.body()).getLong("acceptedPostId"));
        assertEquals(303, asker.submit(path, "/p/" + other + "/unaccept", Map.of()).statusCode());
        assertEquals(0, forum.number("SELECT COUNT(*) FROM topics WHERE id = ? AND accepted_post_id IS NOT NULL",
                topic));
        assertFalse(site.get(path).body().contains("Solved —"));
    }

    @Test
    void aModeratorMayChooseTheAnswerAndDiscussionsHaveNone() {
        Browser asker = forum.member("Hyssop", false);
        HttpResponse<String> created = asker.json("POST", "/api/v1/topics", new JsonObject().put("categoryId", general)
                .put("title", "Best time to prune lavender?").put("body", "Before or after flowering?")
                .put("kind", "question").encode());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject topic = new JsonObject(created.body());
        assertEquals("question", topic.getString("kind"));
        long answer = reply(forum.member("Angelica", false), topic.getLong("id"), "Right after it flowers.");

        forum.member("Caraway", false);
        forum.execute("UPDATE members SET role = 'moderator' WHERE username_key = 'caraway'");
        Browser moderator = forum.logIn("Caraway");
        HttpResponse<String> accepted = moderator.json("POST", "/api/v1/posts/" + answer + "/accept", "{}");
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertTrue(new JsonObject(accepted.body()).getBoolean("accepted"));
        HttpResponse<String> cleared = moderator.json("DELETE", "/api/v1/posts/" + answer + "/accept", null);
        assertEquals(200, cleared.statusCode(), cleared.body());
        assertFalse(new JsonObject(cleared.body()).getBoolean("accepted"));
        assertEquals(404, moderator.json("POST", "/api/v1/posts/999999/accept", "{}").statusCode());

        HttpResponse<String> badKind = asker.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", "What kind is this?").put("body", "Neither, apparently.")
                .put("kind", "poll").encode());
        assertEquals(400, badKind.statusCode());
        assertEquals("kind", new JsonObject(badKind.body()).getString("field"));

        Browser talker = forum.member("Fenugreek", false);
        JsonObject discussion = new JsonObject(talker.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", "Favourite herbs").put("body", "Mine is thyme, obviously.")
                .encode()).body());
        assertEquals("discussion", discussion.getString("kind"));
        long reply = reply(forum.member("Cumin", false), discussion.getLong("id"), "Basil, no contest at all.");
        HttpResponse<String> refused = talker.json("POST", "/api/v1/posts/" + reply + "/accept", "{}");
        assertEquals(400, refused.statusCode());
        assertTrue(new JsonObject(refused.body()).getString("error").contains("not a question"));
    }

    @Test
    void deletingAnAccountWithItsPostsClearsItsAcceptedAnswersAndTaggedTopics() {
        forum.member("Mugwort", false);
        forum.execute("UPDATE members SET role = 'admin' WHERE username_key = 'mugwort'");
        Browser admin = forum.logIn("Mugwort");
        assertEquals(303, admin.submit("/admin/settings", "/admin/settings", Map.of(
                "accounts.deleted-member-posts", "remove")).statusCode());

        Browser asker = forum.member("Orris", false);
        JsonObject question = new JsonObject(asker.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", "Orris root drying").put("body", "How long does it take?")
                .put("kind", "question").encode()).body());
        Browser leaving = forum.member("Wormwood", false);
        long answer = reply(leaving, question.getLong("id"), "Two years, if you want the scent.");
        assertEquals(200, asker.json("POST", "/api/v1/posts/" + answer + "/accept", "{}").statusCode());
        HttpResponse<String> own = leaving.json("POST", "/api/v1/topics", new JsonObject().put("categoryId", general)
                .put("title", "Wormwood in the border").put("body", "It keeps the aphids off, I think.")
                .put("tags", new JsonArray().add("aphids")).encode());
        assertEquals(201, own.statusCode(), own.body());
        long ownTopic = new JsonObject(own.body()).getLong("id");

        HttpResponse<String> deleted = leaving.submit("/account/delete", "/account/delete",
                Map.of("username", "Wormwood", "password", Forum.PASSWORD));
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals(0, forum.number("SELECT COUNT(*) FROM topics WHERE id = ?", ownTopic));
        assertEquals(0, forum.number("SELECT COUNT(*) FROM topic_tags WHERE topic_id = ?", ownTopic));
        assertEquals(0, forum.number("SELECT COUNT(*) FROM topics WHERE id = ? AND accepted_post_id IS NOT NULL",
                question.getLong("id")));
        assertEquals(200, site.get("/tag/aphids").statusCode(), "the tag stays, the site's");
    }
}
