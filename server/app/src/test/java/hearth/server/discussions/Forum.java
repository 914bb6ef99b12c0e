package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Members who sign up, confirm their address and log in through the pages, and rows read or written directly. */
final class Forum {

    static final String PASSWORD = "compost-heap-42";

    private final TestSite site;

    Forum(TestSite site) {
        this.site = site;
    }

    /** A member who may post, logged in; joined long ago unless {@code newcomer}. */
    Browser member(String username, boolean newcomer) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/signup", "/signup", Map.of("username", username,
                "email", username.toLowerCase(Locale.ROOT) + "@example.org", "password", PASSWORD, "terms", "yes"));
        assertEquals(303, response.statusCode(), response.body());
        execute("UPDATE members SET email_verified_at = created_at WHERE username_key = ?",
                username.toLowerCase(Locale.ROOT));
        if (!newcomer) {
            Instant longAgo = Instant.now().minusSeconds(30 * 24 * 3600);
            execute("UPDATE members SET created_at = ?, email_verified_at = ? WHERE username_key = ?", longAgo,
                    longAgo, username.toLowerCase(Locale.ROOT));
        }
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
