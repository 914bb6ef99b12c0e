package hearth.server.appearance;

import static hearth.server.testing.Members.logIn;
import static hearth.server.testing.Members.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admins' choice is stored: it outlives a restart, and --theme only applies until there is one. */
class ThemeRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void theChosenThemeOutlivesARestartAndWinsOverTheThemeSetting() {
        try (TestDatabase db = TestDatabase.fresh(dataDir)) {
            try (TestSite site = TestSite.startOn(dataDir, db.flags(), "--theme", "classic", "--no-demo")) {
                assertTrue(site.get("/latest").body().contains("/css/classic.css"), "--theme at first");
                Browser admin = signUp(site, "Ada"); // a site's first member is its admin (hence no demo)
                assertEquals(303, ThemesTest.save(admin, Map.of("theme", "default", "accentLight", "#0f766e"))
                        .statusCode());
            }
            try (TestSite site = TestSite.startOn(dataDir, db.flags(), "--theme", "classic", "--no-demo")) {
                String latest = site.get("/latest").body();
                assertTrue(!latest.contains("/css/classic.css"), "the stored choice wins:\n" + latest);
                assertTrue(latest.contains("--accent:#0f766e"));
                assertTrue(logIn(site, "Ada").get("/admin/appearance").body().contains("value=\"#0f766e\""));
            }
        }
    }
}
