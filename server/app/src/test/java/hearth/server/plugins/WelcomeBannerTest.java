package hearth.server.plugins;

import static hearth.server.testing.Eventually.eventually;
import static hearth.server.testing.Members.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked example of the plugin guide, as the build bundles it: banner, settings, newcomers page, admin section. */
class WelcomeBannerTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = signUp(site, "Founder");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void visitorsSeeTheBannerMembersOnlyWhenTheAdminSaysSo() {
        assertTrue(site.get("/").body().contains("Welcome! New here? Say hello in the introductions."));
        assertFalse(admin.get("/").body().contains("welcome-banner-info"), "members do not see it by default");

        HttpResponse<String> saved = admin.submit("/admin/plugins/welcome-banner",
                "/admin/plugins/welcome-banner/settings",
                Map.of("message", "Hi <friends>!", "show-to-members", "yes", "style", "success"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(site.get("/").body().contains("Hi &lt;friends&gt;!"), "escaped");
        assertTrue(admin.get("/").body().contains("welcome-banner-success"));

        HttpResponse<String> bad = admin.submit("/admin/plugins/welcome-banner",
                "/admin/plugins/welcome-banner/settings", Map.of("message", "x".repeat(201), "style", "loud"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Banner text: at most 200 characters, please."), bad.body());
        assertTrue(site.get("/").body().contains("Hi &lt;friends&gt;!"), "nothing saved");
    }

    @Test
    void theNewcomersPageListsWhoJoinedForMembersOnly() throws Exception {
        Browser wren = signUp(site, "Wren");
        assertEquals(403, site.get("/x/welcome-banner/").statusCode());
        eventually("the listener lists Wren", () -> wren.get("/x/welcome-banner/").body()
                .contains("data-username=\"Wren\""));
        assertTrue(wren.get("/").body().contains("href=\"/x/welcome-banner/\""), "the nav link for members");

        assertEquals(403, wren.get("/admin/x/welcome-banner/").statusCode());
        assertTrue(admin.get("/admin/x/welcome-banner/").body().contains("class=\"listed\">2<"));
        assertEquals(303, admin.submit("/admin/x/welcome-banner/", "/admin/x/welcome-banner/clear", Map.of())
                .statusCode());
        assertTrue(wren.get("/x/welcome-banner/").body().contains("Nobody has joined recently."));
    }
}
