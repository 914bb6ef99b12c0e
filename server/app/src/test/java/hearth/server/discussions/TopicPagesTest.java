package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a topic, replying and starting topics through the pages, on the demo community. */
class TopicPagesTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static long tomatoes;
    static String tomatoesPath;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        tomatoes = forum.number("SELECT id FROM topics WHERE title LIKE 'Tomato leaves%'");
        tomatoesPath = "/t/tomato-leaves-curling-upwards-should-i-worry/" + tomatoes;
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static HttpResponse<String> reply(Browser member, String path, String body) {
        return member.submit(path, path + "/reply", Map.of("body", body));
    }

    private static HttpResponse<String> newTopic(Browser member, String title, String body) {
        String general = String.valueOf(forum.number("SELECT id FROM categories WHERE name = 'General'"));
        return member.submit("/new-topic", "/new-topic", Map.of("categoryId", general, "title", title, "body", body));
    }

    @Test
    void showsTheTopicWithItsPostsInOrder() {
        HttpResponse<String> page = site.get(tomatoesPath);
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("Tomato leaves curling upwards: should I worry?"));
        assertTrue(html.contains("Help &amp; Support"));
        assertTrue(html.contains("--category: #2b8a3e"));
        int first = html.indexOf("id=\"post-1\"");
        int second = html.indexOf("id=\"post-2\"");
        int fourth = html.indexOf("id=\"post-4\"");
        assertTrue(first > 0 && first < second && second < fourth, "posts in order");
        assertTrue(html.indexOf("href=\"/u/ines\"") < html.indexOf("href=\"/u/liwei\""));
        assertTrue(html.contains("<blockquote>"), "stored HTML shown as is");
        assertTrue(html.contains("Log in</a> or <a href=\"/signup\">sign up</a> to reply"));
        assertFalse(html.contains("name=\"body\""), "no reply form for visitors");
    }

    @Test
    void shortAndWrongAddressesRedirectToTheCanonicalOne() {
        HttpResponse<String> byId = site.get("/t/" + tomatoes);
        assertEquals(301, byId.statusCode());
        assertEquals(tomatoesPath, byId.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> wrongSlug = site.get("/t/old-title/" + tomatoes + "?page=1");
        assertEquals(301, wrongSlug.statusCode());
        assertEquals(tomatoesPath + "?page=1", wrongSlug.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void missingTopicsAreNotFound() {
        assertEquals(404, site.get("/t/999999").statusCode());
        assertEquals(404, site.get("/t/anything/999999").statusCode());
        assertEquals(404, site.get("/t/anything/not-a-number").statusCode());
    }

    @Test
    void longTopicsArePaginatedTwentyPostsAPage() {
        long author = forum.id("ines");
        long category = forum.number("SELECT id FROM categories WHERE name = 'General'");
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        forum.execute("INSERT INTO topics (category_id, author_id, title, slug, reply_count, created_at, "
                + "last_posted_at) VALUES (?, ?, 'A long thread', 'a-long-thread', 44, ?, ?)", category, author, at, at);
        long topic = forum.number("SELECT MAX(id) FROM topics WHERE category_id IS NOT NULL");
        for (int n = 1; n <= 45; n++) {
            forum.execute("INSERT INTO posts (topic_id, author_id, post_number, body_markdown, body_html, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", topic, author, n, "Post " + n, "<p>Post number " + n + ".</p>",
                    at.plusSeconds(n));
        }
        String path = "/t/a-long-thread/" + topic;
        String first = site.get(path).body();
        assertTrue(first.contains("Post number 1.") && first.contains("Post number 20."));
        assertFalse(first.contains("Post number 21."));
        assertTrue(first.contains("href=\"" + path + "?page=2\""));
        assertTrue(first.contains("href=\"" + path + "?page=3\""));
        String last = site.get(path + "?page=3").body();
        assertTrue(last.contains("id=\"post-41\"") && last.contains("Post number 45."));
        assertFalse(last.contains("Post number 40."));
        assertTrue(site.get(path + "?page=99").body().contains("Post number 45."), "past the end shows the last");
    }

    @Test
    void aMemberReplies() {
        Browser member = forum.member("Radish", false);
        assertTrue(member.get(tomatoesPath).body().contains("name=\"body\""), "the reply form");
        HttpResponse<String> posted = reply(member, tomatoesPath, "  Mine did the same in **July**, all fine.  ");
        assertEquals(303, posted.statusCode(), posted.body());
        long number = forum.number("SELECT MAX(post_number) FROM posts WHERE topic_id = ?", tomatoes);
        assertEquals(tomatoesPath + "?page=1#post-" + number, posted.headers().firstValue("Location").orElseThrow());
        String page = member.get(tomatoesPath).body();
        assertTrue(page.contains("Mine did the same in <strong>July</strong>, all fine."));
        assertEquals("Mine did the same in **July**, all fine.", forum.text(
                "SELECT body_markdown FROM posts WHERE topic_id = ? AND post_number = ?", tomatoes, number));
        long postId = forum.number("SELECT id FROM posts WHERE topic_id = ? AND post_number = ?", tomatoes, number);
        String event = forum.text("SELECT payload FROM journal WHERE event_type = 'PostCreated' "
                + "ORDER BY position DESC LIMIT 1");
        assertTrue(event.contains(String.valueOf(postId)), event);
    }

    @Test
    void repliesThatBreakTheRulesAreRefusedWithAMessage() {
        Browser member = forum.member("Parsnip", false);
        HttpResponse<String> tooShort = reply(member, tomatoesPath, "  short   ");
        assertEquals(400, tooShort.statusCode());
        assertTrue(tooShort.body().contains("Please write at least 10 characters."));
        assertTrue(tooShort.body().contains("id=\"body-error\""));

        HttpResponse<String> tooLong = reply(member, tomatoesPath, "x".repeat(20_001));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("Please keep it under 20000 characters"));

        assertEquals(303, reply(member, tomatoesPath, "Same thing happened to mine.").statusCode());
        HttpResponse<String> again = reply(member, tomatoesPath, "Same thing happened to mine.");
        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("You posted exactly this in this topic a moment ago."));
        assertTrue(again.body().contains("Same thing happened to mine.</textarea>"), again.body());

        HttpResponse<String> tooSoon = reply(member, tomatoesPath, "And another thought, right away.");
        assertEquals(400, tooSoon.statusCode());
        assertTrue(tooSoon.body().contains("You are posting quickly: please wait"), tooSoon.body());
    }

    @Test
    void newcomersWaitLongerBetweenReplies() {
        Browser member = forum.member("Sprout", true);
        assertEquals(303, reply(member, tomatoesPath, "Hello, first post here!").statusCode());
        HttpResponse<String> tooSoon = reply(member, tomatoesPath, "And a second one, quickly.");
        assertEquals(400, tooSoon.statusCode());
        assertTrue(tooSoon.body().contains("new members wait a little longer"));
    }

    @Test
    void visitorsAreSentToLogInAndSilencedMembersAreRefused() {
        Browser visitor = new Browser(site);
        HttpResponse<String> anonymous = visitor.submit("/login", tomatoesPath + "/reply",
                Map.of("body", "I have no account but here I am."));
        assertEquals(303, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Location").orElseThrow().startsWith("/login?next="));

        forum.member("Bindweed", false);
        forum.execute("UPDATE members SET status = 'silenced' WHERE username_key = 'bindweed'");
        Browser silenced = forum.logIn("Bindweed");
        String page = silenced.get(tomatoesPath).body();
        assertTrue(page.contains("Your account is silenced"));
        HttpResponse<String> refused = reply(silenced, tomatoesPath, "Let me in, I want to post this.");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Your account is silenced"));
    }

    @Test
    void aMemberStartsATopic() {
        Browser member = forum.member("Chard", false);
        assertTrue(member.get("/").body().contains("href=\"/new-topic\""));
        String form = member.get("/new-topic").body();
        assertTrue(form.contains(">General</option>") && form.contains(">Help &amp; Support</option>"));
        HttpResponse<String> started = newTopic(member, "Which chard varieties overwinter?",
                "Looking for something that survives a frost or two.");
        assertEquals(303, started.statusCode(), started.body());
        long id = forum.number("SELECT MAX(id) FROM topics WHERE category_id IS NOT NULL");
        assertEquals("/t/which-chard-varieties-overwinter/" + id,
                started.headers().firstValue("Location").orElseThrow());
        String page = member.get("/t/which-chard-varieties-overwinter/" + id).body();
        assertTrue(page.contains("Looking for something that survives a frost or two."));
        assertEquals("TopicCreated", forum.text("SELECT event_type FROM journal WHERE position = "
                + "(SELECT MAX(position) - 1 FROM journal)"));
    }

    @Test
    void topicsThatBreakTheRulesAreRefused() {
        Browser member = forum.member("Kale", false);
        HttpResponse<String> shouting = newTopic(member, "HELP MY KALE IS DYING", "Yellow leaves everywhere, why?");
        assertEquals(400, shouting.statusCode());
        assertTrue(shouting.body().contains("Please don&#39;t shout: use normal capitalisation.")
                || shouting.body().contains("Please don't shout: use normal capitalisation."));

        HttpResponse<String> shortTitle = newTopic(member, "Kale", "Yellow leaves everywhere, why?");
        assertEquals(400, shortTitle.statusCode());
        assertTrue(shortTitle.body().contains("Please give a title of at least 5 characters."));
        assertTrue(shortTitle.body().contains("Yellow leaves everywhere, why?</textarea>"));

        assertEquals(303, newTopic(member, "Kale with yellow leaves", "Yellow leaves everywhere, why?")
                .statusCode());
        HttpResponse<String> duplicate = newTopic(member, "Kale with yellow leaves", "Asking again, sorry.");
        assertEquals(400, duplicate.statusCode());
        assertTrue(duplicate.body().contains("You started a topic with this title a moment ago."));

        HttpResponse<String> tooSoon = newTopic(member, "Another kale question", "Purple kale, is it edible?");
        assertEquals(400, tooSoon.statusCode());
        assertTrue(tooSoon.body().contains("You are posting quickly: please wait"));
    }

    @Test
    void visitorsAreAskedToLogInForTheNewTopicForm() {
        HttpResponse<String> form = site.get("/new-topic");
        assertEquals(303, form.statusCode());
        assertTrue(form.headers().firstValue("Location").orElseThrow().startsWith("/login?next="));
    }
}
