package hearth.server.plugins;

import static hearth.server.plugins.PluginAdmins.install;
import static hearth.server.plugins.PluginAdmins.press;
import static hearth.server.plugins.TestPlugins.plugin;
import static hearth.server.testing.Members.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.plugins.fixtures.ThemeSlots;
import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import hearth.server.web.SiteThemes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bundled theme renders the layout's plugin slots, a plugin's own template included. */
class ThemeSlotsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = signUp(site, "Founder");
        HttpResponse<String> installed = install(admin, plugin("theme-slots", ThemeSlots.class)
                .template("mark", "<p class=\"theme-slots-top\">{{ word }}</p>").bytes());
        assertEquals(303, installed.statusCode(), installed.body());
        assertEquals(303, press(admin, "theme-slots", "enable").statusCode());
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void everyBundledThemeRendersTheSlots() {
        for (String theme : SiteThemes.BUNDLED) {
            HttpResponse<String> switched = admin.json("PUT", "/api/v1/admin/appearance",
                    "{\"theme\":\"" + theme + "\"}");
            assertEquals(200, switched.statusCode(), switched.body());
            for (String path : new String[] {"/", "/latest", "/login"}) {
                for (String page : new String[] {site.get(path).body(), admin.get(path).body()}) {
                    assertTrue(page.contains("<meta name=\"theme-slots\" content=\"head\">"), theme + " head.assets "
                            + path + "\n" + page);
                    assertTrue(page.contains("class=\"theme-slots-nav\""), theme + " nav.main " + path);
                    assertTrue(page.contains("<p class=\"theme-slots-top\">page-top</p>"), theme + " page.top " + path);
                    assertTrue(page.contains("welcome-banner"), theme + ": the bundled plugin's slot " + path);
                }
            }
            if (theme.equals("classic")) {
                assertTrue(site.get("/latest").body().contains("/css/classic.css"), "classic is really on");
            }
        }
    }
}
