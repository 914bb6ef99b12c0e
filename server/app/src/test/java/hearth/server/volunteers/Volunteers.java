package hearth.server.volunteers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Eventually;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Roles, grants, topics, replies and flags for the volunteer-roles tests, through the JSON API as people would. */
final class Volunteers {

    static final String API = "/api/v1/x/volunteer-roles";

    private final TestSite site;

    Volunteers(TestSite site) {
        this.site = site;
    }

    long category(String name) {
        return number("SELECT id FROM categories WHERE name = ?", name);
    }

    String slug(String category) {
        return Sql.value(site.database(), "SELECT slug FROM categories WHERE name = ?", category);
    }

    long member(String username) {
        return number("SELECT id FROM members WHERE username_key = ?", username.toLowerCase(Locale.ROOT));
    }

    /** Defines a role; returns its id. */
    long role(Browser admin, String name, boolean shown, String... permissions) {
        JsonObject body = new JsonObject().put("name", name).put("description", "Test role " + name)
                .put("shown", shown).put("permissions", new JsonArray(List.of((Object[]) permissions)));
        HttpResponse<String> created = admin.json("POST", API + "/roles", body.encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getLong("id");
    }

    /** Grants a role in the named categories (none: site-wide); returns the grant's id. */
    long grant(Browser admin, String username, long roleId, String days, String... categories) {
        JsonArray ids = new JsonArray();
        for (String category : categories) {
            ids.add(category(category));
        }
        JsonObject body = new JsonObject().put("member", username).put("role", roleId).put("categories", ids)
                .put("reason", "Trusted with it").put("days", days);
        HttpResponse<String> granted = admin.json("POST", API + "/grants", body.encode());
        assertEquals(201, granted.statusCode(), granted.body());
        return new JsonObject(granted.body()).getLong("id");
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

    /** A reply; returns the post's id. */
    long reply(Browser author, long topicId, String body) {
        unpace();
        HttpResponse<String> replied = author.json("POST", "/api/v1/topics/" + topicId + "/posts",
                new JsonObject().put("body", body).encode());
        assertEquals(201, replied.statusCode(), replied.body());
        return new JsonObject(replied.body()).getLong("id");
    }

    /** Flags a post; returns the review queue item. */
    long flag(Browser flagger, long postId) {
        HttpResponse<String> flagged = flagger.json("POST", "/api/v1/x/moderation/flags", new JsonObject()
                .put("kind", "post").put("id", postId).put("reason", "spam").encode());
        assertEquals(201, flagged.statusCode(), flagged.body());
        return new JsonObject(flagged.body()).getLong("itemId");
    }

    /** Acts on a review item through its page's form. */
    HttpResponse<String> act(Browser who, long item, String action, Map<String, String> fields) {
        String page = "/x/moderation/review/" + item;
        HttpResponse<String> shown = who.get(page);
        return who.submit(shown.statusCode() == 200 ? page : "/", page + "/" + action, fields);
    }

    /** An event's fields as the events API takes them: two hours in the category from {@code start}. */
    String event(String category, Instant start) {
        return new JsonObject().put("title", "Plant swap").put("description", "Bring cuttings.")
                .put("category", slug(category)).put("startsAt", start.toString())
                .put("endsAt", start.plusSeconds(7200).toString()).put("timeZone", "Europe/Berlin")
                .put("venue", "Library").encode();
    }

    /**
     * Waits until the site's scheduler has seen the plugin's task (its first run is then due an interval after the
     * clock's time), so that moving a test's clock afterwards makes it due.
     */
    static void awaitScheduled(TestSite site, String task) {
        try {
            Eventually.eventually("the " + task + " task is scheduled", () -> !"0".equals(Sql.value(site.database(),
                    "SELECT COUNT(*) FROM scheduled_tasks WHERE task_id = ?", "volunteer-roles:" + task)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Moves recent posts back, so the posting pace lets the next one through at once. */
    void unpace() {
        Instant earlier = Instant.now().minusSeconds(600);
        Sql.change(site.database(), "UPDATE posts SET created_at = ? WHERE created_at > ?", earlier, earlier);
        Sql.change(site.database(), "UPDATE topics SET created_at = ? WHERE created_at > ?", earlier, earlier);
    }

    long number(String sql, Object... params) {
        String value = Sql.value(site.database(), sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }
}
