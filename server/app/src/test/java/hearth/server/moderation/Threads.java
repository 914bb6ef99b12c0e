package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Topics and replies for moderation tests, written through the API by real members. */
final class Threads {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private Threads() {
    }

    /** A new topic by {@code author} in the category, with {@code replies} replies by the same author. */
    static long topic(TestSite site, Browser author, long categoryId, String title, int replies) {
        unpace(site); // welcome messages, sent by a listener, may have started a conversation a moment ago
        HttpResponse<String> started = author.json("POST", "/api/v1/topics", "{\"categoryId\": " + categoryId
                + ", \"title\": \"" + title + "\", \"body\": \"The opening post of " + title + ".\"}");
        assertEquals(201, started.statusCode(), started.body());
        long topicId = id(started);
        unpace(site);
        for (int i = 1; i <= replies; i++) {
            reply(site, author, topicId, "Reply " + i + " in " + title + ".");
        }
        return topicId;
    }

    /** A reply; returns the post's id. */
    static long reply(TestSite site, Browser author, long topicId, String body) {
        HttpResponse<String> replied = author.json("POST", "/api/v1/topics/" + topicId + "/posts",
                "{\"body\": \"" + body + "\"}");
        assertEquals(201, replied.statusCode(), replied.body());
        unpace(site);
        return id(replied);
    }

    /** Moves every post and topic back in time, so the posting pace lets the next one through at once. */
    static void unpace(TestSite site) {
        Instant earlier = Instant.now().minusSeconds(600);
        Sql.change(site.database(), "UPDATE posts SET created_at = ? WHERE created_at > ?", earlier, earlier);
        Sql.change(site.database(), "UPDATE topics SET created_at = ? WHERE created_at > ?", earlier, earlier);
    }

    /** The topic's address with its slug, as links on the site have it. */
    static String path(TestSite site, long topicId) {
        return "/t/" + Sql.value(site.database(), "SELECT slug FROM topics WHERE id = ?", topicId) + "/" + topicId;
    }

    private static long id(HttpResponse<String> response) {
        Matcher m = ID.matcher(response.body());
        if (!m.find()) {
            throw new AssertionError("No id in " + response.body());
        }
        return Long.parseLong(m.group(1));
    }
}
