package hearth.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;

/** Members of a test site, made through the pages, and rows read or written directly. */
final class Community {

    static final String PASSWORD = Members.PASSWORD;

    private final TestSite site;

    Community(TestSite site) {
        this.site = site;
    }

    /** A member with a confirmed address, logged in; {@code role} member, moderator or admin. */
    Browser member(String username, String role) {
        return Members.member(site, username, role);
    }

    Browser logIn(String username) {
        return Members.logIn(site, username);
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
