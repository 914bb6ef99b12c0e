package hearth.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
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

    public static Browser logIn(TestSite site, String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/login", "/login",
                Map.of("identifier", username, "password", PASSWORD));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }
}
