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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read state: "new" on topics a member never opened, unread counts once they have, and the jump to the first unread. */
class ReadStateTest {

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

    private static String row(String html, long topic) {
        Matcher m = Pattern.compile("data-topic=\"" + topic + "\">(.*?)</li>", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void newThenReadThenUnreadWithAJumpToTheFirstUnread() throws Exception {
        Browser reader = forum.member("Readeryn", false);
        Browser writer = forum.member("Writerly", false);
        long topic = forum.number("SELECT MAX(id) FROM topics WHERE category_id IS NOT NULL");
        String path = "/t/" + forum.text("SELECT slug FROM topics WHERE id = ?", topic) + "/" + topic;
        assertTrue(row(reader.get("/latest").body(), topic).contains("badge new"), "never opened");
        assertFalse(row(site.get("/latest").body(), topic).contains("badge new"), "no marks for visitors");

        assertEquals(200, reader.get(path).statusCode());
        eventually("the topic read", () -> !row(reader.get("/latest").body(), topic).contains("badge new"));

        long before = forum.number("SELECT MAX(post_number) FROM posts WHERE topic_id = ?", topic);
        assertEquals(303, writer.submit(path, path + "/reply", Map.of("body", "A fresh reply to read.")).statusCode());
        String marked = row(reader.get("/latest").body(), topic);
        assertTrue(marked.contains(">1 unread<") && marked.contains(path + "/unread"), marked);

        HttpResponse<String> jump = reader.get(path + "/unread");
        assertEquals(303, jump.statusCode());
        assertTrue(jump.headers().firstValue("Location").orElseThrow().endsWith("#post-" + (before + 1)),
                jump.headers().toString());
    }

}
