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

/** Quotes: the Quote link prefills the reply, the quote shows as "<name> said:" and the quoted author hears once. */
class QuotesTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser ada;
    static Browser bodhi;
    static String page;
    static long opening;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        ada = forum.member("Adaquote", false);
        bodhi = forum.member("Bodhiquote", false);
        long category = forum.number("SELECT MIN(id) FROM categories");
        HttpResponse<String> started = ada.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(category), "title", "Comfrey tea for tomatoes", "body", "Stinks, but **works**."));
        assertEquals(303, started.statusCode(), started.body());
        page = started.headers().firstValue("Location").orElseThrow();
        opening = forum.number("SELECT p.id FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.title = ?",
                "Comfrey tea for tomatoes");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** Moves the member's posts back in time, so the pace rule lets them post again at once. */
    static void rest(String username) {
        forum.execute("UPDATE posts SET created_at = ? WHERE author_id = ?",
                java.time.Instant.now().minusSeconds(3600), forum.id(username));
    }

    @Test
    void theQuoteLinkPrefillsTheReplyAndTheQuotedAuthorHearsOnce() throws Exception {
        rest("Bodhiquote");
        String topicPage = bodhi.get(page).body();
        assertTrue(topicPage.contains("?quote=" + opening + "#reply-heading\">Quote</a>"), "a Quote link per post");

        String prefilled = bodhi.get(page + "?quote=" + opening).body();
        String quote = "[quote=Adaquote post=" + opening + "]\nStinks, but **works**.\n[/quote]\n\n";
        assertTrue(prefilled.contains(">" + quote + "</textarea>"), prefilled);

        HttpResponse<String> reply = bodhi.submit(page, page + "/reply", Map.of("body",
                quote + "Agreed: dilute it ten to one."));
        assertEquals(303, reply.statusCode(), reply.body());
        String html = site.get(page).body();
        assertTrue(html.matches("(?s).*<blockquote>\\s*<p><strong><a href=\"/p/" + opening
                + "\"[^>]*>Adaquote said:</a></strong></p>\\s*<p>Stinks, but <strong>works</strong>.</p>\\s*"
                + "</blockquote>\\s*<p>Agreed: dilute it ten to one.</p>.*"), html);

        eventually("Ada hears she was quoted", () -> ada.get("/notifications").body()
                .contains("Bodhiquote quoted you in Comfrey tea for tomatoes"));
        long number = forum.number("SELECT MAX(post_number) FROM posts WHERE author_id = ?", forum.id("Bodhiquote"));
        assertEquals(1, forum.number("SELECT COUNT(*) FROM notifications WHERE member_id = ? AND url LIKE ?",
                        forum.id("Adaquote"), "%#post-" + number),
                "quoted beats replied-to: one notification for one post");
    }

    @Test
    void aMalformedQuoteStaysTextAndNothingUnsafeGetsThrough() throws Exception {
        rest("Bodhiquote");
        HttpResponse<String> reply = bodhi.json("POST", "/api/v1/topics/" + forum.number(
                "SELECT id FROM topics WHERE title = ?", "Comfrey tea for tomatoes") + "/posts",
                "{\"body\": \"[quote=<script>alert(1)</script> post=1]\\nhi there\\n[/quote]\"}");
        assertEquals(201, reply.statusCode(), reply.body());
        String html = new io.vertx.core.json.JsonObject(reply.body()).getString("bodyHtml");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("blockquote"), "not a quote tag: left as written");
        assertFalse(site.get(page + "?quote=999999").body().contains("[quote="), "no such post: an empty box");
    }
}
