package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crisis mode over HTTP: only admins switch it; while on, every page shows a banner, new members cannot post, replies
 * are in slow mode and posts with links wait for a moderator, while staff are not held back; it survives the plugin
 * restarting; off again with one switch; both switches audited.
 */
class CrisisModeTest {

    static final String BANNER = "The community is in crisis mode.";
    static final String SWITCH = "/x/moderation/crisis";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser moderator;
    static Browser member;
    static Browser newcomer;
    static String page;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        admin = Members.member(site, "Gwendolyn", "admin");
        moderator = Members.member(site, "Marisol", "moderator");
        member = Members.member(site, "Petronella", "member");
        newcomer = Members.member(site, "Newt", true);
        long category = Long.parseLong(Sql.value(site.database(), "SELECT MIN(id) FROM categories"));
        HttpResponse<String> started = member.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(category), "title", "Storm damage in the allotments", "body", "Is everyone safe?"));
        assertEquals(303, started.statusCode(), started.body());
        page = started.headers().firstValue("Location").orElseThrow();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void crisisModeHoldsBackNewMembersAndLinksButNotStaffAndSwitchesOffAgain() {
        assertEquals(403, member.get(SWITCH).statusCode());
        assertEquals(403, moderator.get(SWITCH).statusCode(), "admins only by default");
        assertEquals(403, moderator.submit(page, SWITCH, Map.of("active", "on", "reason", "No")).statusCode());
        assertTrue(admin.get(SWITCH).body().contains("Crisis mode is off."));
        assertFalse(site.get("/").body().contains(BANNER));

        HttpResponse<String> noReason = admin.submit(SWITCH, SWITCH, Map.of("active", "on", "reason", " "));
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("<p class=\"error\" id=\"reason-error\" role=\"alert\">Please say why,"
                + " for the audit log.</p>"), noReason.body());
        assertEquals(0, audits("crisis.on"));

        assertEquals(303, admin.submit(SWITCH, SWITCH, Map.of("active", "on", "reason", "Spam wave")).statusCode());
        assertEquals(1, audits("crisis.on"));
        assertTrue(admin.get(SWITCH).body().contains("Crisis mode is on"));
        assertTrue(site.get("/").body().contains(BANNER), "visitors see the banner");
        assertTrue(member.get(page).body().contains(BANNER), "on every page");

        HttpResponse<String> refused = newcomer.submit(page, page + "/reply", Map.of("body", "Hello, I am new here!"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("The site is in crisis mode: new members cannot post for now."),
                refused.body());

        rest("Petronella");
        assertEquals(303, member.submit(page, page + "/reply", Map.of("body", "Photos: https://photos.example/1"))
                .statusCode());
        assertFalse(site.get(page).body().contains("photos.example"), "a post with links waits for a moderator");
        assertTrue(member.get(page).body().contains("photos.example"), "its author sees it");

        rest("Petronella");
        HttpResponse<String> slowed = member.submit(page, page + "/reply", Map.of("body", "And the shed is gone."));
        assertEquals(400, slowed.statusCode());
        assertTrue(slowed.body().matches("(?s).*Slow mode: you can post again in [0-9]+ s\\..*"), slowed.body());
        assertTrue(site.get(page).body().contains("Slow mode: one post per 60 s"), "every topic is in slow mode");

        assertEquals(303, moderator.submit(page, page + "/reply", Map.of("body", "Details: https://help.example/"))
                .statusCode());
        assertTrue(site.get(page).body().contains("help.example"), "staff are not held back");
        rest("Marisol");
        assertEquals(303, moderator.submit(page, page + "/reply", Map.of("body", "Second notice from the team."))
                .statusCode(), "nor slowed");

        // The switch is kept in the database: the plugin starting again finds it on.
        assertEquals(303, admin.submit("/admin/plugins/moderation", "/admin/plugins/moderation/disable", Map.of())
                .statusCode());
        assertEquals(303, admin.submit("/admin/plugins/moderation", "/admin/plugins/moderation/enable", Map.of())
                .statusCode());
        assertTrue(site.get("/").body().contains(BANNER), "still on after a restart");

        assertEquals(303, admin.submit(SWITCH, SWITCH, Map.of("active", "off", "reason", "Calm again")).statusCode());
        assertEquals(1, audits("crisis.off"));
        assertEquals("Calm again", Sql.value(site.database(), "SELECT reason FROM moderation_audit WHERE action ="
                + " 'crisis.off' AND actor_id = (SELECT id FROM members WHERE username_key = 'gwendolyn')"));
        assertFalse(site.get("/").body().contains(BANNER));
        assertEquals(303, newcomer.submit(page, page + "/reply", Map.of("body", "Hello, I am new here!"))
                .statusCode(), "new members post again");
    }

    @Test
    void theJsonApiSwitchesCrisisModeForAdminsOnly() {
        Browser admin = Members.member(site, "Oswin", "admin"); // the other test counts the first admin's switches
        assertEquals(403, moderator.json("POST", "/api/v1/x/moderation/crisis",
                "{\"active\": \"on\", \"reason\": \"Not mine to call\"}").statusCode());
        HttpResponse<String> noReason = admin.json("POST", "/api/v1/x/moderation/crisis", "{\"active\": \"on\"}");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("\"field\":\"reason\""), noReason.body());
        HttpResponse<String> on = admin.json("POST", "/api/v1/x/moderation/crisis",
                "{\"active\": \"on\", \"reason\": \"Raid from elsewhere\"}");
        assertEquals(200, on.statusCode(), on.body());
        assertTrue(on.body().contains("\"active\":true"), on.body());
        assertTrue(site.get("/").body().contains(BANNER));
        assertTrue(admin.json("POST", "/api/v1/x/moderation/crisis", "{\"active\": \"off\", \"reason\": \"Over\"}")
                .body().contains("\"active\":false"));
        assertFalse(site.get("/").body().contains(BANNER));
    }

    /** Moves the member's posts back in time, so the core's pace rule lets them post again at once. */
    static void rest(String username) {
        Sql.change(site.database(), "UPDATE posts SET created_at = ? WHERE author_id = (SELECT id FROM members"
                + " WHERE username_key = ?)", Instant.now().minusSeconds(3600), username.toLowerCase(Locale.ROOT));
    }

    private static int audits(String action) {
        return Integer.parseInt(Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE action = ?"
                + " AND actor_id = (SELECT id FROM members WHERE username_key = 'gwendolyn')", action));
    }
}
