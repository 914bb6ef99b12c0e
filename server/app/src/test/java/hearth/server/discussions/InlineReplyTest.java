package hearth.server.discussions;

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
 * The topic page's htmx upgrades: a reply posted in place answers with the new post alone, a refused one with the page
 * and headers that put only its reply box in place, and the like button gets the true state as an event. Without the
 * HX-Request header the same forms redirect as before; without the CSRF token they are refused either way.
 */
class InlineReplyTest {

    static final String[] HTMX = {"HX-Request", "true"};

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser author;
    static Browser reader;
    static String page;
    static long firstPost;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        author = forum.member("Opener", false);
        reader = forum.member("Answerer", false);
        long category = forum.number("SELECT MIN(id) FROM categories");
        HttpResponse<String> started = author.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(category), "title", "Sourdough starter keeps dying", "body", "What am I doing wrong?"));
        assertEquals(303, started.statusCode(), started.body());
        page = started.headers().firstValue("Location").orElseThrow();
        firstPost = forum.number("SELECT p.id FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.title = ?"
                + " AND p.post_number = 1", "Sourdough starter keeps dying");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void theReplyFormPostsInPlaceOnTheLastPage() {
        String html = reader.get(page).body();
        assertTrue(html.contains("<ol class=\"posts\" id=\"posts\""), html);
        assertTrue(html.contains("data-hx-post=\"" + page.replaceAll("\\?.*", "") + "/reply\" data-hx-target=\"#posts\""),
                html);
    }

    @Test
    void anHtmxReplyAnswersWithTheNewPostAlone() {
        HttpResponse<String> reply = reader.submit(page, page.replaceAll("\\?.*", "") + "/reply",
                Map.of("body", "Feed it twice a day with rye flour."), HTMX);
        assertEquals(200, reply.statusCode(), reply.body());
        String post = reply.body().strip();
        assertTrue(post.startsWith("<li class=\"post"), post);
        assertTrue(post.contains("Feed it twice a day with rye flour."), post);
        assertTrue(post.contains("id=\"post-"), post);
        assertFalse(post.contains("<html"), "a fragment, not a page");
        assertTrue(post.contains(">Edit</a>"), "the author may edit the new post at once: " + post);
        assertTrue(author.get(page).body().contains("Feed it twice a day with rye flour."));
    }

    @Test
    void withoutJavaScriptTheReplyRedirectsToThePost() {
        Browser plain = forum.member("Plainweb", false); // members may not reply twice within seconds
        HttpResponse<String> reply = plain.submit(page, page.replaceAll("\\?.*", "") + "/reply",
                Map.of("body", "Keep it somewhere warm, too."));
        assertEquals(303, reply.statusCode(), reply.body());
        assertTrue(reply.headers().firstValue("Location").orElseThrow().contains("#post-"));
    }

    @Test
    void aRefusedHtmxReplyPutsOnlyTheReplyBoxBack() {
        HttpResponse<String> reply = reader.submit(page, page.replaceAll("\\?.*", "") + "/reply",
                Map.of("body", ""), HTMX);
        assertEquals(400, reply.statusCode());
        assertEquals("#reply", reply.headers().firstValue("HX-Retarget").orElse(null));
        assertEquals("#reply", reply.headers().firstValue("HX-Reselect").orElse(null));
        assertEquals("outerHTML", reply.headers().firstValue("HX-Reswap").orElse(null));
        assertTrue(reply.body().contains("<section class=\"reply\" id=\"reply\""), reply.body());
        assertTrue(reply.body().contains("role=\"alert\""), reply.body());
        assertTrue(reply.body().contains("aria-invalid=\"true\""), reply.body());
    }

    @Test
    void anHtmxReplyWithoutTheTokenIsRefused() {
        long before = forum.number("SELECT COUNT(*) FROM posts");
        HttpResponse<String> reply = reader.post(page.replaceAll("\\?.*", "") + "/reply",
                Map.of("body", "Forged from another site."), HTMX);
        assertEquals(403, reply.statusCode());
        assertEquals(before, forum.number("SELECT COUNT(*) FROM posts"));
    }

    @Test
    void anHtmxLikeAnswersWithTheTrueStateAsAnEvent() {
        HttpResponse<String> liked = reader.submit(page, "/p/" + firstPost + "/like", Map.of("like", "yes"), HTMX);
        assertEquals(204, liked.statusCode(), liked.body());
        String event = liked.headers().firstValue("HX-Trigger").orElseThrow();
        assertTrue(event.contains("\"hearth:liked\""), event);
        assertTrue(event.contains("\"postId\":" + firstPost), event);
        assertTrue(event.contains("\"likes\":1"), event);
        assertTrue(event.contains("\"liked\":true"), event);

        HttpResponse<String> unliked = reader.submit(page, "/p/" + firstPost + "/like", Map.of(), HTMX);
        assertTrue(unliked.headers().firstValue("HX-Trigger").orElseThrow().contains("\"liked\":false"));

        assertEquals(403, reader.post("/p/" + firstPost + "/like", Map.of("like", "yes"), HTMX).statusCode(),
                "no token, no like");
        String html = reader.get(page).body();
        assertTrue(html.contains("data-hx-post=\"/p/" + firstPost + "/like\" data-hx-swap=\"none\""), html);
    }
}
