package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Member suggestions after "@": members only, by username or visible display name prefix, at most 8, rate limited. */
class AutocompleteTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser asker;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        forum = new Forum(site);
        forum.member("Founder", false); // the first member is the admin, who sees hidden names
        asker = forum.member("Asker", false);
        for (int n = 1; n <= 10; n++) {
            forum.execute("INSERT INTO members (username, username_key, email, email_key, display_name, role,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, 'member', CURRENT_TIMESTAMP)", "rosa" + n, "rosa" + n,
                    "rosa" + n + "@example.org", "rosa" + n + "@example.org", "Rosa " + n);
        }
        forum.execute("INSERT INTO members (username, username_key, email, email_key, display_name, role,"
                + " created_at) VALUES ('gardener7', 'gardener7', 'g7@example.org', 'g7@example.org',"
                + " 'Rosalind Green', 'member', CURRENT_TIMESTAMP)");
        forum.execute("INSERT INTO members (username, username_key, email, email_key, display_name, role,"
                + " created_at, profile_hidden) VALUES ('hermit', 'hermit', 'h@example.org', 'h@example.org',"
                + " 'Rosamund Hidden', 'member', CURRENT_TIMESTAMP, TRUE)");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static JsonArray suggest(String q) {
        HttpResponse<String> answer = asker.json("GET", "/api/v1/members/autocomplete?q=" + q, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonObject(answer.body()).getJsonArray("members");
    }

    @Test
    void suggestsUpToEightByUsernameFirstThenVisibleDisplayNames() {
        JsonArray rosas = suggest("Ros");
        assertEquals(8, rosas.size(), rosas.encode());
        assertTrue(rosas.getJsonObject(0).getString("username").startsWith("rosa"), "usernames first");
        assertEquals("Rosa 1", rosas.getJsonObject(0).getString("displayName"));

        JsonArray byName = suggest("rosali");
        assertEquals(1, byName.size(), byName.encode());
        assertEquals("gardener7", byName.getJsonObject(0).getString("username"), "by display name");
        assertEquals(0, suggest("rosamund").size(), "a hidden profile's name is not searched");
        assertEquals("hermit", suggest("%40herm").getJsonObject(0).getString("username"), "a leading @ is fine");
        assertEquals(0, suggest("").size());
        assertEquals(0, suggest("x%25").size(), "wildcards are literal");
        assertFalse(suggest("rosa1").encode().contains("email"), "no addresses");

        assertEquals(401, new Browser(site).json("GET", "/api/v1/members/autocomplete?q=ros", null).statusCode());
    }

    @Test
    void askingTooOftenIsRefused() {
        Browser busy = forum.member("Busybee", false);
        int status = 200;
        for (int n = 0; n < 61 && status == 200; n++) {
            status = busy.json("GET", "/api/v1/members/autocomplete?q=b", null).statusCode();
        }
        assertEquals(429, status);
        HttpResponse<String> refused = busy.json("GET", "/api/v1/members/autocomplete?q=b", null);
        assertTrue(refused.body().contains("\"error\""), refused.body());
    }
}
