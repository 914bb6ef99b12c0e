package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accounts API under /api/v1, with the session cookie and the CSRF header. */
class AccountApiTest {

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        signUp(new Browser(site), "Founder"); // the admin, so later accounts are plain members
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static HttpResponse<String> signUp(Browser browser, String username) {
        return browser.json("POST", "/api/v1/members", new JsonObject().put("username", username)
                .put("email", username.toLowerCase() + "@example.org").put("password", "compost-heap-42")
                .put("acceptTerms", true).encode());
    }

    @Test
    void signUpReadMeAndMayNotPostUntilVerified() throws Exception {
        Browser client = new Browser(site);
        assertEquals(201, signUp(client, "Quince").statusCode());
        JsonObject me = new JsonObject(client.json("GET", "/api/v1/me", null).body());
        assertEquals("Quince", me.getString("username"));
        assertEquals("member", me.getString("role"));
        assertFalse(me.getBoolean("mayPost"));
        assertEquals("Please confirm your email address first: open the link we sent you.",
                me.getString("mayNotPostBecause"));

        client.get(verificationLink("quince@example.org"));
        assertTrue(new JsonObject(client.json("GET", "/api/v1/me", null).body()).getBoolean("mayPost"));
    }

    @Test
    void silencedMembersMayNotPost() throws Exception {
        signUp(new Browser(site), "Nettle");
        try (Connection c = site.database().connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE members SET status = 'silenced', email_verified_at = created_at "
                    + "WHERE username_key = 'nettle'");
        }
        Browser client = new Browser(site);
        assertEquals(200, client.json("POST", "/api/v1/session",
                "{\"identifier\":\"nettle\",\"password\":\"compost-heap-42\"}").statusCode());
        JsonObject me = new JsonObject(client.json("GET", "/api/v1/me", null).body());
        assertFalse(me.getBoolean("mayPost"));
        assertTrue(me.getString("mayNotPostBecause").startsWith("Your account is silenced"));
    }

    @Test
    void badInputGetsJsonErrorsNamingTheField() {
        Browser client = new Browser(site);
        HttpResponse<String> notJson = client.json("POST", "/api/v1/members", "{not json");
        assertEquals(400, notJson.statusCode());
        assertEquals("body", new JsonObject(notJson.body()).getString("field"));

        HttpResponse<String> badName = client.json("POST", "/api/v1/members", new JsonObject()
                .put("username", "x").put("email", "x@example.org").put("password", "compost-heap-42")
                .put("acceptTerms", true).encode());
        assertEquals(400, badName.statusCode());
        JsonObject error = new JsonObject(badName.body());
        assertEquals("username", error.getString("field"));
        assertEquals("Usernames are 3 to 20 characters long.", error.getString("error"));

        HttpResponse<String> wrong = client.json("POST", "/api/v1/session",
                "{\"identifier\":\"nobody\",\"password\":\"nothing-at-all\"}");
        assertEquals(400, wrong.statusCode());
        assertEquals("password", new JsonObject(wrong.body()).getString("field"));

        HttpResponse<String> anonymous = client.json("GET", "/api/v1/me", null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Please log in first.", new JsonObject(anonymous.body()).getString("error"));
    }

    @Test
    void sessionsCanBeListedAndEndedAndLogOutIsServerSide() {
        signUp(new Browser(site), "Tansy");
        Browser one = new Browser(site);
        Browser two = new Browser(site);
        String login = "{\"identifier\":\"tansy\",\"password\":\"compost-heap-42\",\"remember\":true}";
        assertEquals(200, one.json("POST", "/api/v1/session", login).statusCode());
        assertEquals(200, two.json("POST", "/api/v1/session", login).statusCode());

        JsonArray sessions = new JsonObject(one.json("GET", "/api/v1/me/sessions", null).body())
                .getJsonArray("sessions");
        assertEquals(3, sessions.size(), "sign-up, one and two");
        long twoId = sessions.stream().map(JsonObject.class::cast)
                .filter(s -> !s.getBoolean("current")).mapToLong(s -> s.getLong("id")).max().orElseThrow();
        assertEquals(204, one.json("DELETE", "/api/v1/me/sessions/" + twoId, null).statusCode());
        assertEquals(401, two.json("GET", "/api/v1/me", null).statusCode());
        assertEquals(404, one.json("DELETE", "/api/v1/me/sessions/" + twoId, null).statusCode());
        assertEquals(404, one.json("DELETE", "/api/v1/me/sessions/abc", null).statusCode());

        assertEquals(204, one.json("DELETE", "/api/v1/session", null).statusCode());
        assertEquals(401, one.json("GET", "/api/v1/me", null).statusCode());
    }

    @Test
    void withoutTheCsrfHeaderCookieClientsAreRefused() {
        Browser client = new Browser(site);
        client.get("/login");
        HttpResponse<String> forged = client.post("/api/v1/session",
                java.util.Map.of("identifier", "founder", "password", "compost-heap-42"));
        assertEquals(403, forged.statusCode());
    }

    private static String verificationLink(String email) throws Exception {
        try (Connection c = site.database().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT body_text FROM mail_outbox WHERE to_address = '" + email + "'")) {
            assertTrue(rs.next());
            Matcher m = Pattern.compile("(/account/verify/[A-Za-z0-9_-]+)").matcher(rs.getString(1));
            assertTrue(m.find());
            return m.group(1);
        }
    }
}
