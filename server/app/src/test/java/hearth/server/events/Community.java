package hearth.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Members of a test site, made through the pages, and rows read or written directly. */
final class Community {

    static final String PASSWORD = "compost-heap-42";

    private final TestSite site;

    Community(TestSite site) {
        this.site = site;
    }

    /** A member with a confirmed address, logged in; {@code role} member, moderator or admin. */
    Browser member(String username, String role) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/signup", "/signup", Map.of("username", username,
                "email", username.toLowerCase(Locale.ROOT) + "@example.org", "password", PASSWORD, "terms", "yes"));
        assertEquals(303, response.statusCode(), response.body());
        Instant longAgo = Instant.now().minusSeconds(30 * 24 * 3600);
        execute("UPDATE members SET created_at = ?, email_verified_at = ?, role = ? WHERE username_key = ?",
                longAgo, longAgo, role, username.toLowerCase(Locale.ROOT));
        return logIn(username);
    }

    Browser logIn(String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/login", "/login",
                Map.of("identifier", username, "password", PASSWORD));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }

    long id(String username) {
        return number("SELECT id FROM members WHERE username_key = ?", username.toLowerCase(Locale.ROOT));
    }

    /** Creates an event through the API as {@code host}; returns its id. */
    static long create(Browser host, JsonObject fields) {
        HttpResponse<String> created = host.json("POST", "/api/v1/events", fields.encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getLong("id");
    }

    /** Fields of an event in the demo's "Events & Meetups" category starting {@code start} for two hours. */
    JsonObject event(String title, Instant start) {
        return new JsonObject().put("title", title).put("description", "Bring *seeds*.")
                .put("category", text("SELECT slug FROM categories WHERE name = 'Events & Meetups'")).put("startsAt", start.toString())
                .put("endsAt", start.plusSeconds(7200).toString()).put("timeZone", "Europe/Berlin")
                .put("venue", "Community hall");
    }

    void execute(String sql, Object... params) {
        Sql.change(site.database(), sql, params);
    }

    long number(String sql, Object... params) {
        String value = text(sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    String text(String sql, Object... params) {
        return Sql.value(site.database(), sql, params);
    }
}
