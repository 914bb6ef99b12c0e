package hearth.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** People and posts on a test site: members who sign up and log in through the pages, and rows written directly. */
final class Community {

    static final String PASSWORD = "compost-heap-42";

    private final TestSite site;

    Community(TestSite site) {
        this.site = site;
    }

    /** Signs up through the page; the browser is logged in. The first member of a site without demo is its admin. */
    Browser signUp(String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/signup", "/signup", Map.of("username", username,
                "email", username.toLowerCase(Locale.ROOT) + "@example.org", "password", PASSWORD, "terms", "yes"));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }

    Browser logIn(String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/login", "/login",
                Map.of("identifier", username, "password", PASSWORD));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }

    /** A member with a staff role (moderator or admin), logged in after the role was given. */
    Browser staff(String username, String role) {
        signUp(username);
        execute("UPDATE members SET role = ? WHERE username_key = ?", role, username.toLowerCase(Locale.ROOT));
        return logIn(username);
    }

    /** A member written straight into the database (no password: cannot log in). */
    long member(String username, String displayName, Instant joined, Instant lastSeen) {
        execute("INSERT INTO members (username, username_key, email, email_key, display_name, role, created_at, "
                        + "last_seen_at) VALUES (?, ?, ?, ?, ?, 'member', ?, ?)", username,
                username.toLowerCase(Locale.ROOT), username + "@example.org",
                username.toLowerCase(Locale.ROOT) + "@example.org", displayName, joined, lastSeen);
        return id(username);
    }

    long id(String username) {
        return number("SELECT id FROM members WHERE username_key = ?", username.toLowerCase(Locale.ROOT));
    }

    /** Starts a topic (with its first post) by the member; returns the topic id. */
    long topic(long authorId, String title, String slug, Instant at) {
        if (number("SELECT COUNT(*) FROM categories WHERE slug = 'test'") == 0) {
            execute("INSERT INTO categories (slug, name, created_at) VALUES ('test', 'Test', ?)", at);
        }
        long category = number("SELECT id FROM categories WHERE slug = 'test'");
        execute("INSERT INTO topics (category_id, author_id, title, slug, created_at, last_posted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", category, authorId, title, slug, at, at);
        long topic = number("SELECT MAX(id) FROM topics WHERE category_id IS NOT NULL");
        execute("INSERT INTO posts (topic_id, author_id, post_number, body_markdown, body_html, created_at) "
                + "VALUES (?, ?, 1, 'Opening', '<p>Opening</p>', ?)", topic, authorId, at);
        return topic;
    }

    /** Adds a reply to a topic; returns the post id. */
    long reply(long topicId, long authorId, Instant at) {
        long number = number("SELECT MAX(post_number) FROM posts WHERE topic_id = ?", topicId) + 1;
        execute("INSERT INTO posts (topic_id, author_id, post_number, body_markdown, body_html, created_at) "
                + "VALUES (?, ?, ?, 'Reply', '<p>Reply</p>', ?)", topicId, authorId, number, at);
        execute("UPDATE topics SET reply_count = reply_count + 1 WHERE id = ?", topicId);
        return number("SELECT MAX(id) FROM posts");
    }

    void execute(String sql, Object... params) {
        Sql.change(site.database(), sql, params);
    }

    long number(String sql, Object... params) {
        String value = text(sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The first column of the first row, as text (null if there is no row or it is NULL). */
    String text(String sql, Object... params) {
        return Sql.value(site.database(), sql, params);
    }

    /** How often {@code needle} occurs in {@code haystack}. */
    static int occurrences(String haystack, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
