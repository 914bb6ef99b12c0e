package hearth.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Members made the way people make them: signing up and logging in through the pages. */
public final class Members {

    public static final String PASSWORD = "compost-heap-42";

    private Members() {
    }

    /** Signs up (email {@code <username>@example.org}); the browser is logged in. A site's first member is its admin. */
    public static Browser signUp(TestSite site, String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/signup", "/signup", Map.of("username", username,
                "email", username.toLowerCase(Locale.ROOT) + "@example.org", "password", PASSWORD, "terms", "yes"));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }

    /** A member who may post (address confirmed), joined a month ago unless {@code newcomer}; logged in. */
    public static Browser member(TestSite site, String username, boolean newcomer) {
        return established(site, username, newcomer, null);
    }

    /** A member who may post, joined a month ago, with {@code role} (member, moderator or admin); logged in. */
    public static Browser member(TestSite site, String username, String role) {
        return established(site, username, false, role);
    }

    private static Browser established(TestSite site, String username, boolean newcomer, String role) {
        signUp(site, username);
        String key = username.toLowerCase(Locale.ROOT);
        if (newcomer) {
            Sql.change(site.database(), "UPDATE members SET email_verified_at = created_at, role = COALESCE(?, role)"
                    + " WHERE username_key = ?", role, key);
        } else {
            Instant longAgo = Instant.now().minusSeconds(30 * 24 * 3600);
            Sql.change(site.database(), "UPDATE members SET created_at = ?, email_verified_at = ?,"
                    + " role = COALESCE(?, role) WHERE username_key = ?", longAgo, longAgo, role, key);
        }
        return logIn(site, username);
    }

    public static Browser logIn(TestSite site, String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/login", "/login",
                Map.of("identifier", username, "password", PASSWORD));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }
}
