package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import java.net.http.HttpResponse;
import java.util.Map;

/** Signing up and logging in through the real forms, and checking a form's messages, for the accounts tests. */
final class TestAccounts {

    static final String PASSWORD = "compost-heap-42";

    private TestAccounts() {
    }

    /** Signs up through the form (the browser is then logged in); fails unless it worked. */
    static HttpResponse<String> signUp(Browser browser, String username, String email) {
        HttpResponse<String> response = browser.submit("/signup", "/signup", Map.of("username", username,
                "email", email, "password", PASSWORD, "terms", "yes"));
        assertEquals(303, response.statusCode(), response.body());
        return response;
    }

    static HttpResponse<String> logIn(Browser browser, String identifier, String password) {
        return browser.submit("/login", "/login", Map.of("identifier", identifier, "password", password));
    }

    /** The form came back (400) with this message next to this field. */
    static void assertFieldError(HttpResponse<String> response, String field, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("id=\"" + field + "-error\" role=\"alert\">" + message), response.body());
    }
}
