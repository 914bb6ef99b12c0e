package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Eventually;
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

/**
 * Topic pages and lists are rendered once for all visitors without an account (web.PageCache): each visitor still
 * gets their own CSRF token, a journaled change shows at once, and signed-in members always get a fresh page.
 */
class SharedPagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"|"
            + "name=\"csrf-token\" content=\"([^\"]+)\"");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser author;
    static long topic;
    static String path;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        forum = new Forum(site);
        Browser admin = forum.member("Keeper", false);
        forum.execute("UPDATE members SET role = 'admin' WHERE username_key = 'keeper'");
        admin = forum.logIn("Keeper");
        assertEquals(303, admin.submit("/admin/categories", "/admin/categories", Map.of("name", "Garden",
                "description", "Growing things", "color", "#228833", "parentId", "0")).statusCode());
        author = forum.member("Rowan", false);
        long category = forum.number("SELECT id FROM categories WHERE slug = 'garden'");
        HttpResponse<String> started = author.json("POST", "/api/v1/topics", "{\"categoryId\": " + category
                + ", \"title\": \"Tomatoes in pots\", \"body\": \"Which variety does well on a balcony?\"}");
        assertEquals(201, started.statusCode(), started.body());
        topic = forum.number("SELECT id FROM topics WHERE title = 'Tomatoes in pots'");
        path = "/t/" + forum.text("SELECT slug FROM topics WHERE id = ?", topic) + "/" + topic;
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void visitorsShareThePageButNotTheirTokens() {
        Browser first = new Browser(site);
        Browser second = new Browser(site);
        String one = first.get(path).body();
        String two = second.get(path).body();
        assertTrue(one.contains("Which variety does well"), one);
        String firstToken = token(one);
        String secondToken = token(two);
        assertNotEquals(firstToken, secondToken);
        assertEquals(first.cookie("hearth_csrf").orElseThrow().getValue(), firstToken);
        assertEquals(second.cookie("hearth_csrf").orElseThrow().getValue(), secondToken);
        assertEquals(one.replace(firstToken, "T"), two.replace(secondToken, "T"), "the same page otherwise");
    }

    @Test
    void aChangeOutsideTheJournalWaitsWhileOneInItShowsAtOnce() throws Exception {
        Browser visitor = new Browser(site);
        String list = "/c/garden";
        assertTrue(visitor.get(path).body().contains("Which variety"));
        assertTrue(visitor.get(list).body().contains("Tomatoes in pots"));

        // Written behind the site's back: visitors keep the page they share (for up to PageCache.FRESH)...
        forum.execute("UPDATE posts SET body_html = '<p>Rewritten behind the scenes.</p>' WHERE topic_id = ?",
                topic);
        forum.execute("UPDATE topics SET title = 'Renamed behind the scenes' WHERE id = ?", topic);
        assertFalse(visitor.get(path).body().contains("Rewritten behind the scenes"), "served from the cache");
        assertFalse(visitor.get(list).body().contains("Renamed behind the scenes"), "served from the cache");
        // ...while a signed-in member's page is always read afresh.
        assertTrue(author.get(path).body().contains("Rewritten behind the scenes"));

        // A reply is journaled: every visitor's copy of the topic and of the lists goes at once.
        HttpResponse<String> reply = forum.member("Ash", false).json("POST", "/api/v1/topics/" + topic + "/posts",
                "{\"body\": \"Try a cherry tomato, they love sun.\"}");
        assertEquals(201, reply.statusCode(), reply.body());
        Eventually.eventually("visitors see the reply", () -> visitor.get(path).body().contains("cherry tomato"));
        assertTrue(visitor.get(list).body().contains("Renamed behind the scenes"));
    }

    private static String token(String page) {
        Matcher m = CSRF.matcher(page);
        assertTrue(m.find(), "a CSRF token on the page");
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
