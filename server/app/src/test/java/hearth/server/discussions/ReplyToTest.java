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

/**
 * Replying to one post: the reply says whom it answers, that post's author hears instead of the topic's, only posts
 * of the same topic may be answered, and nobody hears twice about one post.
 */
class ReplyToTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser ada;
    static Browser bodhi;
    static Browser cyd;
    static long category;
    static String page;
    static long topic;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        ada = forum.member("Adareply", false);
        bodhi = forum.member("Bodhireply", false);
        cyd = forum.member("Cydreply", false);
        category = forum.number("SELECT MIN(id) FROM categories");
        HttpResponse<String> started = ada.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(category), "title", "Slugs in the lettuce", "body", "Beer traps or wool pellets?"));
        assertEquals(303, started.statusCode(), started.body());
        page = started.headers().firstValue("Location").orElseThrow();
        topic = forum.number("SELECT id FROM topics WHERE title = ?", "Slugs in the lettuce");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** Moves the member's posts back in time, so the pace rule lets them post again at once. */
    static void rest(String username) {
        java.time.Instant hourAgo = java.time.Instant.now().minusSeconds(3600);
        forum.execute("UPDATE posts SET created_at = ? WHERE author_id = ?", hourAgo, forum.id(username));
        forum.execute("UPDATE topics SET created_at = ? WHERE author_id = ?", hourAgo, forum.id(username));
    }

    @Test
    void theAnsweredPostsAuthorHearsOnceAndTheTopicsAuthorNot() throws Exception {
        rest("Bodhireply");
        rest("Cydreply");
        assertEquals(303, bodhi.submit(page, page + "/reply", Map.of("body", "Wool pellets, every time."))
                .statusCode());
        long bodhisPost = forum.number("SELECT id FROM posts WHERE topic_id = ? AND post_number = 2", topic);
        eventually("Ada hears of the reply to her topic", () -> ada.get("/notifications").body()
                .contains("Bodhireply replied to Slugs in the lettuce"));

        String form = cyd.get(page + "?replyTo=" + bodhisPost).body();
        assertTrue(form.contains("name=\"replyTo\" value=\"" + bodhisPost + "\""), form);
        assertTrue(form.contains("Replying to <a href=\"/p/" + bodhisPost + "\">Bodhireply #2</a>"), form);
        HttpResponse<String> reply = cyd.submit(page, page + "/reply", Map.of("body", "Do they not wash away?",
                "replyTo", String.valueOf(bodhisPost)));
        assertEquals(303, reply.statusCode(), reply.body());
        assertEquals(bodhisPost, forum.number("SELECT reply_to_post_id FROM posts WHERE topic_id = ? AND"
                + " post_number = 3", topic));
        assertTrue(site.get(page).body().contains("<a href=\"/p/" + bodhisPost + "\">in reply to Bodhireply #2</a>"));

        eventually("Bodhi hears Cyd answered him", () -> bodhi.get("/notifications").body()
                .contains("Cydreply replied to Slugs in the lettuce"));
        assertEquals(1, forum.number("SELECT COUNT(*) FROM notifications WHERE member_id = ?", forum.id("Adareply")),
                "Cyd answered Bodhi, not the topic: Ada heard only of Bodhi's reply");

        // Mentioning the member one replies to: one notification, the mention.
        rest("Cydreply");
        HttpResponse<String> api = cyd.json("POST", "/api/v1/topics/" + topic + "/posts",
                "{\"body\": \"@Bodhireply and what about copper tape?\", \"replyTo\": " + bodhisPost + "}");
        assertEquals(201, api.statusCode(), api.body());
        eventually("Bodhi hears of the mention", () -> bodhi.get("/notifications").body()
                .contains("Cydreply mentioned you in Slugs in the lettuce"));
        assertEquals(2, forum.number("SELECT COUNT(*) FROM notifications WHERE member_id = ?",
                forum.id("Bodhireply")), "one for each of Cyd's posts, never two for one");
    }

    @Test
    void onlyAPostOfTheSameTopicMayBeAnswered() {
        rest("Bodhireply");
        rest("Adareply");
        HttpResponse<String> other = bodhi.json("POST", "/api/v1/topics", "{\"categoryId\": " + category
                + ", \"title\": \"Another topic entirely\", \"body\": \"Nothing to do with slugs.\"}");
        assertEquals(201, other.statusCode(), other.body());
        rest("Bodhireply");
        long elsewhere = forum.number("SELECT p.id FROM posts p JOIN topics t ON t.id = p.topic_id"
                + " WHERE t.title = ?", "Another topic entirely");
        HttpResponse<String> api = ada.json("POST", "/api/v1/topics/" + topic + "/posts",
                "{\"body\": \"Answering across topics.\", \"replyTo\": " + elsewhere + "}");
        assertEquals(400, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"field\":\"replyTo\""), api.body());
        assertEquals(400, ada.json("POST", "/api/v1/topics/" + topic + "/posts",
                "{\"body\": \"Answering nonsense.\", \"replyTo\": \"two\"}").statusCode());
        HttpResponse<String> form = ada.submit(page, page + "/reply", Map.of("body", "Answering across topics.",
                "replyTo", String.valueOf(elsewhere)));
        assertEquals(400, form.statusCode());
        assertTrue(form.body().contains("The post you are replying to is not in this topic."), form.body());
        assertFalse(site.get(page).body().contains("Answering across topics."), "nothing saved");
    }
}
