package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

/** Topics, replies, flags and plugin settings for the flag and review-queue tests, all through the pages. */
final class ReviewFixtures {

    private final TestSite site;

    ReviewFixtures(TestSite site) {
        this.site = site;
    }

    long category(String name) {
        return number("SELECT id FROM categories WHERE name = ?", name);
    }

    long member(String username) {
        return number("SELECT id FROM members WHERE username_key = ?", username.toLowerCase(Locale.ROOT));
    }

    /**
     * Moves everyone's recent posts and topics two minutes back, so the next post is not refused for coming too soon
     * after the author's last (these tests post quickly and are not about pacing).
     */
    private void unpace() {
        Sql.change(site.database(), "UPDATE posts SET created_at = created_at - INTERVAL '2' MINUTE");
        Sql.change(site.database(), "UPDATE topics SET created_at = created_at - INTERVAL '2' MINUTE");
    }

    /** Starts a topic in the category; returns the id of its opening post. */
    long topic(Browser author, String category, String title, String body) {
        unpace();
        HttpResponse<String> created = author.submit("/new-topic", "/new-topic",
                Map.of("categoryId", String.valueOf(category(category)), "title", title, "body", body));
        assertEquals(303, created.statusCode(), created.body());
        return number("SELECT p.id FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.title = ?"
                + " AND p.post_number = 1", title);
    }

    /** Replies in the topic of {@code postId}; returns the reply's id. */
    long reply(Browser author, long postId, String body) {
        long topic = number("SELECT topic_id FROM posts WHERE id = ?", postId);
        String page = topicPath(topic);
        unpace();
        HttpResponse<String> replied = author.submit(page, page + "/reply", Map.of("body", body));
        assertEquals(303, replied.statusCode(), replied.body());
        return number("SELECT MAX(id) FROM posts WHERE topic_id = ?", topic);
    }

    String topicPath(long topicId) {
        return "/t/" + Sql.value(site.database(), "SELECT slug FROM topics WHERE id = ?", topicId) + "/" + topicId;
    }

    String pathOfPost(long postId) {
        return topicPath(number("SELECT topic_id FROM posts WHERE id = ?", postId));
    }

    HttpResponse<String> flagPost(Browser flagger, long postId, String reason, String text) {
        String form = "/x/moderation/flag/post/" + postId;
        return flagger.submit(form, form, Map.of("reason", reason, "text", text));
    }

    /** The review item of a kind and subject (the newest), or 0. */
    long item(String kind, long subjectId) {
        return number("SELECT MAX(id) FROM moderation_queue WHERE kind = ? AND subject_id = ?", kind, subjectId);
    }

    /** Saves the moderation plugin's settings: the review part's, the others at their defaults. */
    void settings(Browser admin, String mode, int threshold, int flaggers, int perDay) {
        HttpResponse<String> saved = admin.submit("/admin/plugins/moderation", "/admin/plugins/moderation/settings",
                Map.of("appeal-url", "/x/moderation/appeal", "hide-mode", mode,
                        "hide-threshold", String.valueOf(threshold), "hide-after-flaggers", String.valueOf(flaggers),
                        "flags-per-day", String.valueOf(perDay)));
        assertEquals(303, saved.statusCode(), saved.body());
    }

    void defaults(Browser admin) {
        settings(admin, "weighted", 3, 3, 20);
    }

    long audits(String action, String subjectType, long subjectId) {
        return number("SELECT COUNT(*) FROM moderation_audit WHERE action = ? AND subject_type = ? AND subject_id = ?",
                action, subjectType, subjectId);
    }

    long number(String sql, Object... params) {
        String value = Sql.value(site.database(), sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }
}
