package hearth.server.gamification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Eventually;
import hearth.server.testing.Members;
import hearth.server.testing.SettableClock;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Topics, replies, likes and the plugin's API for the gamification tests, through HTTP as people would. */
final class Gaming {

    static final String API = "/api/v1/x/gamification";

    private final TestSite site;
    private final SettableClock clock;

    Gaming(TestSite site, SettableClock clock) {
        this.site = site;
        this.clock = clock;
    }

    /** Switches the plugin on (it ships off) and waits until it has caught up with the journal. */
    void enable(Browser admin) throws InterruptedException {
        HttpResponse<String> enabled = admin.submit("/admin/plugins/gamification",
                "/admin/plugins/gamification/enable", Map.of());
        assertEquals(303, enabled.statusCode(), enabled.body());
        settle();
    }

    /** Changes the plugin's settings. */
    void settings(Browser admin, JsonObject values) {
        HttpResponse<String> saved = admin.json("PUT", "/api/v1/admin/plugins/gamification/settings",
                values.encode());
        assertEquals(200, saved.statusCode(), saved.body());
    }

    /** Waits until the awarding listener has handled every journal entry there is now. */
    void settle() throws InterruptedException {
        long head = number("SELECT MAX(position) FROM journal");
        Eventually.eventually("awarding caught up with position " + head, () -> number(
                "SELECT COALESCE(MAX(position), 0) FROM journal_cursors WHERE listener_id LIKE '%gamification%'")
                >= head);
    }

    /**
     * Waits until visits, journaled just after their responses, have stopped coming (the journal stands still for a
     * moment), then until awarding has handled everything.
     */
    void settleAfterVisits() throws InterruptedException {
        long head;
        do {
            head = number("SELECT MAX(position) FROM journal");
            Thread.sleep(250);
        } while (number("SELECT MAX(position) FROM journal") != head);
        settle();
    }

    long category(String name) {
        return number("SELECT id FROM categories WHERE name = ?", name);
    }

    long member(String username) {
        return number("SELECT id FROM members WHERE username_key = ?", username.toLowerCase(Locale.ROOT));
    }

    /** A topic in the category; returns the topic's id. */
    long topic(Browser author, String category, String title) {
        unpace();
        HttpResponse<String> started = author.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", category(category)).put("title", title)
                .put("body", "The opening post of " + title + ".").encode());
        assertEquals(201, started.statusCode(), started.body());
        return new JsonObject(started.body()).getLong("id");
    }

    long opening(long topicId) {
        return number("SELECT id FROM posts WHERE topic_id = ? AND post_number = 1", topicId);
    }

    /** A reply; returns the post's id. */
    long reply(Browser author, long topicId, String body) {
        unpace();
        HttpResponse<String> replied = author.json("POST", "/api/v1/topics/" + topicId + "/posts",
                new JsonObject().put("body", body).encode());
        assertEquals(201, replied.statusCode(), replied.body());
        return new JsonObject(replied.body()).getLong("id");
    }

    HttpResponse<String> like(Browser who, long postId, boolean liked) {
        return who.json("POST", "/api/v1/posts/" + postId + "/like", new JsonObject().put("liked", liked).encode());
    }

    void liked(Browser who, long postId, boolean liked) {
        HttpResponse<String> answer = like(who, postId, liked);
        assertEquals(200, answer.statusCode(), answer.body());
    }

    /** The member's standing from the plugin's API. */
    JsonObject standing(String username) {
        HttpResponse<String> answer = site.get(API + "/members/" + username);
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonObject(answer.body());
    }

    long points(String username) {
        return standing(username).getLong("points");
    }

    List<String> badges(String username) {
        return standing(username).getJsonArray("badges").stream()
                .map(b -> ((JsonObject) b).getString("key")).sorted().toList();
    }

    /** A leaderboard from the API as "username points rank" lines. */
    List<String> board(String query) {
        HttpResponse<String> answer = site.get(API + "/leaderboard?" + query);
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonObject(answer.body()).getJsonArray("places").stream().map(p -> (JsonObject) p)
                .map(p -> p.getString("username") + " " + p.getLong("points") + " " + p.getInteger("rank")).toList();
    }

    /** Flags a post; returns the review queue item. */
    long flag(Browser flagger, long postId) {
        HttpResponse<String> flagged = flagger.json("POST", "/api/v1/x/moderation/flags", new JsonObject()
                .put("kind", "post").put("id", postId).put("reason", "spam").encode());
        assertEquals(201, flagged.statusCode(), flagged.body());
        return new JsonObject(flagged.body()).getLong("itemId");
    }

    /** Acts on a review queue item. */
    void act(Browser moderator, long item, String action) {
        HttpResponse<String> done = moderator.json("POST", "/api/v1/x/moderation/queue/" + item + "/" + action, "{}");
        assertEquals(200, done.statusCode(), done.body());
    }

    /** Moves recent posts back, so the posting pace lets the next one through at once. */
    void unpace() {
        Instant earlier = clock.instant().minusSeconds(600);
        Sql.change(site.database(), "UPDATE posts SET created_at = ? WHERE created_at > ?", earlier, earlier);
        Sql.change(site.database(), "UPDATE topics SET created_at = ? WHERE created_at > ?", earlier, earlier);
    }

    long number(String sql, Object... params) {
        String value = Sql.value(site.database(), sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The derived tables as text, row by row in a stable order: what live awarding and a replay must agree on. */
    String snapshot() {
        return rows("SELECT CONCAT_WS(' ', position, member_id, action, points, units, kind, subject, other_id,"
                + " category_id, on_day) FROM gamification_ledger ORDER BY position, member_id, action, subject,"
                + " other_id, on_day, points")
                + rows("SELECT CONCAT_WS(' ', member_id, points, level, streak, best_streak, last_visit, joined_on)"
                + " FROM gamification_members ORDER BY member_id")
                + rows("SELECT CONCAT_WS(' ', member_id, on_day, category_id, points) FROM gamification_daily"
                + " WHERE points <> 0 ORDER BY member_id, on_day, category_id")
                + rows("SELECT CONCAT_WS(' ', member_id, badge, granted_at, position, manual) FROM gamification_badges"
                + " ORDER BY member_id, badge");
    }

    /** Fails at the first line where two snapshots part, showing it in both. */
    static void assertSameSnapshot(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertEquals(want.get(i), got.get(i), "line " + (i + 1) + " of the snapshots");
        }
        assertEquals(want.size(), got.size(), "lines in the snapshots");
    }

    private String rows(String sql) {
        return String.join("\n", Sql.values(site.database(), sql)) + "\n--\n";
    }

    /** Replays through the API; returns how many facts were applied. */
    long replay(Browser admin) {
        HttpResponse<String> replayed = admin.json("POST", API + "/replay", "{}");
        assertEquals(200, replayed.statusCode(), replayed.body());
        return new JsonObject(replayed.body()).getLong("facts");
    }

    /** A member who may post, logged in for 30 days (the test's clock moves by days). */
    static Browser member(TestSite site, String username) {
        Members.signUp(site, username);
        Instant longAgo = Instant.now().minusSeconds(30 * 24 * 3600);
        Sql.change(site.database(), "UPDATE members SET created_at = ?, email_verified_at = ? WHERE username_key = ?",
                longAgo, longAgo, username.toLowerCase(Locale.ROOT));
        return remembered(site, username);
    }

    /** Logs in for 30 days. */
    static Browser remembered(TestSite site, String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/login", "/login",
                Map.of("identifier", username, "password", Members.PASSWORD, "remember", "yes"));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }
}
