package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** Topics and replies written through the API for the editing tests, with the ids they need. */
final class Threads {

    /** A topic as its tests address it: its page, and its opening post. */
    record Thread(long topicId, String page, long openingPost) {
    }

    private final Forum forum;

    Threads(Forum forum) {
        this.forum = forum;
    }

    Thread start(Browser author, String title, String body) {
        long category = forum.number("SELECT MIN(id) FROM categories");
        HttpResponse<String> started = author.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", category).put("title", title).put("body", body).encode());
        assertEquals(201, started.statusCode(), started.body());
        JsonObject topic = new JsonObject(started.body());
        long id = topic.getLong("id");
        return new Thread(id, topic.getString("url"), postId(id, 1));
    }

    long reply(Browser author, Thread thread, String body) {
        HttpResponse<String> replied = author.json("POST", "/api/v1/topics/" + thread.topicId() + "/posts",
                new JsonObject().put("body", body).encode());
        assertEquals(201, replied.statusCode(), replied.body());
        return new JsonObject(replied.body()).getLong("id");
    }

    long postId(long topicId, int number) {
        return forum.number("SELECT id FROM posts WHERE topic_id = ? AND post_number = ?", topicId, number);
    }

    /** Moves a post's writing time back, past the author's grace period for silent edits. */
    void agePost(long postId) {
        forum.execute("UPDATE posts SET created_at = ? WHERE id = ?",
                java.time.Instant.now().minusSeconds(3600), postId);
    }

    /** A logged-in moderator. */
    Browser moderator(String username) {
        forum.member(username, false);
        forum.execute("UPDATE members SET role = 'moderator' WHERE username_key = ?",
                username.toLowerCase(java.util.Locale.ROOT));
        return forum.logIn(username);
    }
}
