package hearth.server.plugins;

import static hearth.server.testing.Eventually.eventually;
import static hearth.server.plugins.PluginAdmins.install;
import static hearth.server.plugins.PluginAdmins.press;
import static hearth.server.testing.Members.signUp;
import static hearth.server.plugins.TestPlugins.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.plugins.fixtures.Broken;
import hearth.server.plugins.fixtures.Denier;
import hearth.server.plugins.fixtures.Troublemaker;
import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin code that throws is contained: the site keeps working, the failure is counted and shown to admins. */
class PluginContainmentTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser member;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = signUp(site, "Founder");
        member = signUp(site, "Wren");
        for (TestPlugins jar : new TestPlugins[] {plugin("troublemaker", Troublemaker.class),
                PluginLifecycleTest.greeter("1.0.0")}) {
            assertEquals(303, install(admin, jar.bytes()).statusCode());
        }
        assertEquals(303, press(admin, "troublemaker", "enable").statusCode());
        assertEquals(303, press(admin, "greeter", "enable").statusCode());
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aThrowingSlotLeavesItsPartEmptyAndThePageWhole() {
        HttpResponse<String> home = site.get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("trouble-nav"), "the plugin's other slot still renders");
        assertTrue(home.body().contains("class=\"greeter\""), "other plugins' parts render");
        assertFalse(home.body().contains("exploded"));
        String detail = admin.get("/admin/plugins/troublemaker").body();
        assertTrue(detail.contains("<td>slot page.top</td>"), detail);
        assertTrue(detail.contains("IllegalStateException: slot exploded"), detail);
    }

    @Test
    void aThrowingRouteAnswers500AndTypedErrorsKeepTheirStatus() {
        HttpResponse<String> failed = site.get("/x/troublemaker/");
        assertEquals(500, failed.statusCode());
        assertFalse(failed.body().contains("route exploded"), "no internals for visitors");
        assertEquals(403, site.get("/x/troublemaker/forbidden").statusCode());
        assertEquals(200, site.get("/").statusCode());
    }

    @Test
    void aThrowingPolicyAbstainsAndAFailingListenerIsCountedAndRetried() throws Exception {
        assertEquals(200, member.get("/x/greeter/wave").statusCode(), "the throwing policy does not decide");
        eventually("the listener's failures are counted", () -> admin.get("/admin/plugins/troublemaker").body()
                .contains("<td>listener always-fails</td>"));
        eventually("the other plugin's listener is not held up", () -> site.get("/x/greeter/joins").body()
                .equals("2"));
    }

    @Test
    void aThrowingGuardIsSkippedAndTheTextSaved() {
        HttpResponse<String> saved = member.submit("/u/Wren/edit", "/u/Wren/edit", Map.of("displayName", "Wren",
                "bio", "Hello there", "location", "", "website", "", "pronouns", "", "timeZone", "UTC"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(member.get("/u/Wren").body().contains("Hello there"));
        assertTrue(admin.get("/admin/plugins/troublemaker").body().contains("<td>content guard</td>"));
    }

    @Test
    void anAccessPolicyDenyWinsOverTheDefaultGrant() {
        assertEquals(303, install(admin, plugin("denier", Denier.class).bytes()).statusCode());
        assertEquals(303, press(admin, "denier", "enable").statusCode());
        try {
            assertEquals(403, member.get("/x/greeter/wave").statusCode());
        } finally {
            assertEquals(303, press(admin, "denier", "disable").statusCode());
        }
        assertEquals(200, member.get("/x/greeter/wave").statusCode());
    }

    @Test
    void aPluginThatFailsToStartIsMarkedFailedAndTheSiteGoesOn() {
        assertEquals(303, install(admin, plugin("broken", Broken.class).bytes()).statusCode());
        HttpResponse<String> refused = press(admin, "broken", "enable");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("Plugin broken could not start: IllegalStateException: broken on purpose"), refused.body());
        assertTrue(admin.get("/admin/plugins").body().contains("state-failed"));
        assertEquals(404, site.get("/x/broken/").statusCode());
        assertEquals(200, site.get("/").statusCode());
    }

}
