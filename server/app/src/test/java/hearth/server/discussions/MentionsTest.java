package hearth.server.discussions;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * @mentions: linked for members only and never in code or link text, one notification per mentioned member who may
 * see the topic (never the author), and no more than ten members in one post.
 */
class MentionsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser author;
    static Browser ada;
    static long category;
    static String page;
    static long topic;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        author = forum.member("Mentioner", false);
        ada = forum.member("Ada", false);
        forum.member("Bodhi", false);
        category = forum.number("SELECT MIN(id) FROM categories");
        HttpResponse<String> started = author.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(category), "title", "Seed swap in spring", "body", "Who brings what this year?"));
        assertEquals(303, started.statusCode(), started.body());
        page = started.headers().firstValue("Location").orElseThrow();
        topic = forum.number("SELECT id FROM topics WHERE title = ?", "Seed swap in spring");
        rest("Mentioner");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** Moves the member's posts back in time, so the pace rule lets them post again at once. */
    static void rest(String username) {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        forum.execute("UPDATE posts SET created_at = ? WHERE author_id = ?", hourAgo, forum.id(username));
        forum.execute("UPDATE topics SET created_at = ? WHERE author_id = ?", hourAgo, forum.id(username));
    }

    @Test
    void membersAreLinkedAndToldOnceButNotInCodeOrLinksNorTheAuthor() throws Exception {
        HttpResponse<String> reply = author.submit(page, page + "/reply", Map.of("body",
                "Thanks @Ada! And @nobody-here, `@Bodhi` in code, [@Bodhi](https://example.org), mail"
                        + " me@Bodhi.org, and me: @Mentioner.\n\n```\n@Bodhi\n```"));
        assertEquals(303, reply.statusCode(), reply.body());
        rest("Mentioner");
        String html = site.get(page).body();
        // The sanitiser writes "@" as "&#64;".
        assertTrue(html.matches("(?s).*<a (?=[^>]*class=\"mention\")(?=[^>]*href=\"/u/Ada\")[^>]*>&#64;Ada</a>.*"),
                html);
        assertTrue(html.contains("&#64;nobody-here"));
        assertFalse(html.contains("/u/nobody-here"), "not a member: plain text");
        assertTrue(html.contains("<code>&#64;Bodhi</code>"), "code stays code");
        assertFalse(html.contains("href=\"/u/Bodhi\""), "not in code, link text or an address");

        eventually("Ada hears she was mentioned", () -> ada.get("/notifications").body()
                .contains("Mentioner mentioned you in Seed swap in spring"));
        assertEquals(1, forum.number("SELECT COUNT(*) FROM notifications n JOIN members m ON m.id = n.member_id"
                + " WHERE n.kind = 'mention' AND m.username_key IN ('ada', 'bodhi', 'mentioner')"),
                "only Ada: Bodhi was only in code and links, the author never");
        assertEquals(0, forum.number("SELECT COUNT(*) FROM notifications WHERE member_id = ?",
                forum.id("Mentioner")));
    }

    @Test
    void elevenMembersInOnePostAreRefusedOnTheFormAndInTheApi() {
        for (int n = 1; n <= 11; n++) {
            forum.execute("INSERT INTO members (username, username_key, email, email_key, display_name, role,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, 'member', CURRENT_TIMESTAMP)", "crowd" + n, "crowd" + n,
                    "crowd" + n + "@example.org", "crowd" + n + "@example.org", "Crowd " + n);
        }
        String eleven = IntStream.rangeClosed(1, 11).mapToObj(n -> "@crowd" + n).collect(Collectors.joining(" "));
        HttpResponse<String> form = author.submit(page, page + "/reply", Map.of("body", "Hello " + eleven));
        assertEquals(400, form.statusCode());
        assertTrue(form.body().contains("Please mention at most 10 members in one post (this mentions 11)."),
                form.body());
        assertTrue(form.body().contains("id=\"body-error\""), "next to the field");

        HttpResponse<String> api = author.json("POST", "/api/v1/topics/" + topic + "/posts",
                "{\"body\": \"Hello " + eleven + "\"}");
        assertEquals(400, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"field\":\"body\"") && api.body().contains("at most 10"), api.body());
        HttpResponse<String> started = author.json("POST", "/api/v1/topics", "{\"categoryId\": " + category
                + ", \"title\": \"A crowded topic\", \"body\": \"Hello " + eleven + "\"}");
        assertEquals(400, started.statusCode(), started.body());
        assertEquals(0, forum.number("SELECT COUNT(*) FROM posts WHERE body_markdown LIKE '%@crowd11%'"),
                "nothing half-written");

        String ten = IntStream.rangeClosed(1, 10).mapToObj(n -> "@crowd" + n).collect(Collectors.joining(" "))
                + " @crowd1 @notamember";
        HttpResponse<String> fine = author.json("POST", "/api/v1/topics/" + topic + "/posts",
                "{\"body\": \"Hello " + ten + "\"}");
        assertEquals(201, fine.statusCode(), fine.body());
        rest("Mentioner");
    }

    @Test
    void aMentionInATopicTheMemberMayNotSeeIsNotTold() throws Exception {
        forum.member("Moderata", false);
        forum.member("Moderato", false);
        forum.execute("UPDATE members SET role = 'admin' WHERE username_key = 'moderata'");
        forum.execute("UPDATE members SET role = 'moderator' WHERE username_key = 'moderato'");
        Browser moderata = forum.logIn("Moderata");
        Browser moderato = forum.logIn("Moderato");
        // Through the admin form, so the site's cache of who sees what knows the category at once.
        assertEquals(303, moderata.submit("/admin/categories", "/admin/categories", Map.of("name", "Back office",
                "description", "", "color", "#336699", "parentId", "0", "see", "moderators",
                "startTopic", "moderators", "reply", "moderators")).statusCode());
        long hidden = forum.number("SELECT id FROM categories WHERE name = 'Back office'");
        HttpResponse<String> started = moderata.json("POST", "/api/v1/topics", "{\"categoryId\": " + hidden
                + ", \"title\": \"Who to make a moderator\", \"body\": \"What about @Ada? Ask @Moderato.\"}");
        assertEquals(201, started.statusCode(), started.body());

        eventually("the other moderator hears", () -> moderato.get("/notifications").body()
                .contains("Moderata mentioned you in Who to make a moderator"));
        assertFalse(ada.get("/notifications").body().contains("Who to make a moderator"), "Ada may not see it");
    }
}
