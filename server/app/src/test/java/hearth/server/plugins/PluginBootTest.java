package hearth.server.plugins;

import static hearth.server.plugins.PluginAdmins.install;
import static hearth.server.plugins.PluginAdmins.press;
import static hearth.server.testing.Members.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins across restarts: bundled plugins on a new site, a plugin that fails at start, safe mode. */
class PluginBootTest {

    @Test
    void aNewSiteInstallsAndEnablesTheBundledPluginsOnce(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.fresh(dir)) {
            try (TestSite site = TestSite.startOn(dir, db.flags(), "--no-demo")) {
                assertTrue(site.plugins().isActive("welcome-banner"));
                assertFalse(site.plugins().isActive("search-lucene"), "bundled off: installed for admins to enable");
                assertEquals(1, Sql.number(db, "SELECT COUNT(*) FROM plugins WHERE plugin_id = 'search-lucene'"));
                HttpResponse<String> home = site.get("/");
                assertTrue(home.body().contains("welcome-banner"), home.body());
                Browser admin = signUp(site, "Founder");
                HttpResponse<String> gone = admin.submit("/admin/plugins/welcome-banner",
                        "/admin/plugins/welcome-banner/uninstall", Map.of("data", "delete"));
                assertEquals(303, gone.statusCode(), gone.body());
            }
            try (TestSite again = TestSite.startOn(dir, db.flags(), "--no-demo")) {
                assertEquals(0, Sql.number(db, "SELECT COUNT(*) FROM plugins WHERE plugin_id = 'welcome-banner'"),
                        "an uninstalled bundle stays away");
                assertEquals(false, again.plugins().isActive("welcome-banner"));
                assertTrue(again.plugins().isActive("moderation"), "the other bundled plugin is still there");
            }
        }
    }

    @Test
    void aPluginThatFailsAtStartIsMarkedFailedAndTheSiteBootsWithoutIt(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.fresh(dir)) {
            try (TestSite site = TestSite.startOn(dir, db.flags(), "--no-demo")) {
                Browser admin = signUp(site, "Founder");
                assertEquals(303, install(admin, PluginLifecycleTest.greeter("1.0.0").bytes()).statusCode());
                assertEquals(303, press(admin, "greeter", "enable").statusCode());
            }
            // The jar breaks while the site is down.
            Files.write(dir.resolve("plugins/greeter-1.0.0.jar"), "no longer a jar".getBytes());
            try (TestSite site = TestSite.startOn(dir, db.flags(), "--no-demo")) {
                assertEquals(200, site.get("/").statusCode());
                assertEquals(404, site.get("/x/greeter/").statusCode());
                Browser admin = Members.logIn(site, "Founder");
                String page = admin.get("/admin/plugins/greeter").body();
                assertTrue(page.contains("state-failed"), page);
                assertTrue(page.contains("not a readable jar"), page);
            }
        }
    }

    @Test
    void safeModeBootsWithEveryPluginOff(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.fresh(dir)) {
            try (TestSite site = TestSite.startOn(dir, db.flags(), "--no-demo")) {
                Browser admin = signUp(site, "Founder");
                assertEquals(303, install(admin, PluginLifecycleTest.greeter("1.0.0").bytes()).statusCode());
                assertEquals(303, press(admin, "greeter", "enable").statusCode());
            }
            try (TestSite site = TestSite.startOn(dir, db.flags(), "--no-demo", "--safe-mode")) {
                assertEquals(404, site.get("/x/greeter/").statusCode());
                assertEquals(false, site.plugins().isActive("welcome-banner"));
                Browser admin = Members.logIn(site, "Founder");
                assertTrue(admin.get("/admin/plugins").body().contains("Safe mode"));
                HttpResponse<String> refused = press(admin, "greeter", "disable");
                assertEquals(303, refused.statusCode(), "disabling still works, to get rid of a bad plugin");
                HttpResponse<String> enable = press(admin, "greeter", "enable");
                assertEquals(409, enable.statusCode());
                assertTrue(enable.body().contains("safe mode"), enable.body());
            }
            try (TestSite site = TestSite.startOn(dir, db.flags(), "--no-demo")) {
                assertEquals(404, site.get("/x/greeter/").statusCode(), "it stayed disabled");
                assertTrue(site.plugins().isActive("welcome-banner"));
            }
        }
    }
}
