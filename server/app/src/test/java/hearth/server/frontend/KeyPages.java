package hearth.server.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Chrome;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pages every theme must get right, on the demo community: what members see most (home, a topic list, a topic, a
 * profile, an event), where they join (sign-up) and where admins work.
 */
final class KeyPages {

    static final String ADMIN = "ada";

    private KeyPages() {
    }

    /** Page name to path; the admin page needs {@link #ADMIN} logged in. */
    static Map<String, String> of(TestSite site) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("topic-list", "/latest");
        pages.put("topic", topicPath(site, "Tomato leaves curling upwards: should I worry?"));
        pages.put("profile", "/u/sofia");
        pages.put("event", "/events/" + Sql.value(site.database(), "SELECT MIN(id) FROM events"));
        pages.put("events", "/events");
        pages.put("sign-up", "/signup");
        pages.put("admin", "/admin");
        return pages;
    }

    static String topicPath(TestSite site, String title) {
        String id = Sql.value(site.database(), "SELECT id FROM topics WHERE title = ?", title);
        String slug = Sql.value(site.database(), "SELECT slug FROM topics WHERE id = ?", Long.parseLong(id));
        return "/t/" + slug + "/" + id;
    }

    /** Gives {@link #ADMIN} a shown volunteer role in the first category (once), so the role pages have content. */
    static void volunteerRole(Browser admin) {
        String api = "/api/v1/x/volunteer-roles";
        if (admin.json("GET", api + "/grants", null).body().contains("\"username\":\"" + ADMIN + "\"")) {
            return;
        }
        HttpResponse<String> role = admin.json("POST", api + "/roles", "{\"name\": \"Greeter\", \"description\":"
                + " \"Welcomes newcomers\", \"shown\": true, \"permissions\": [\"discussions.moderate\"]}");
        assertEquals(201, role.statusCode(), role.body());
        long roleId = new JsonObject(role.body()).getLong("id");
        HttpResponse<String> grant = admin.json("POST", api + "/grants", "{\"member\": \"" + ADMIN + "\", \"role\": "
                + roleId + ", \"days\": 30, \"reason\": \"Says hello\"}");
        assertEquals(201, grant.statusCode(), grant.body());
    }

    /** Makes {@link #ADMIN} (through the pages) unless it exists. */
    static void ensureAdmin(TestSite site) {
        if (Sql.value(site.database(), "SELECT COUNT(*) FROM members WHERE username_key = ?", ADMIN).equals("0")) {
            Members.member(site, ADMIN, "admin");
        }
    }

    /** Logs {@code username} in through the login page of a real browser. */
    static void logIn(Chrome chrome, String username) {
        chrome.visit("/login").type("Username or email", username).type("Password", Members.PASSWORD)
                .press("Log in").await("logged in as " + username, d -> !chrome.path().startsWith("/login"));
    }
}
