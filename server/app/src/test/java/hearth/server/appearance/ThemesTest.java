package hearth.server.appearance;

import static hearth.server.testing.Members.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static hearth.server.testing.Eventually.eventually;

import hearth.server.testing.Browser;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Switching the site's theme at run time, and members picking one of the themes admins enabled. */
class ThemesTest {

    private static final String TABLE = "<table class=\"topic-table\">";
    private static final String LIST = "<ol class=\"topic-list\"";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        admin = member(site, "Ada", "admin");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @AfterEach
    void backToDefault() {
        assertEquals(303, save(admin, Map.of("theme", "default")).statusCode());
    }

    /** Posts the appearance form with the stored values, changed by {@code changes}. */
    static HttpResponse<String> save(Browser admin, Map<String, String> changes) {
        Map<String, String> form = new HashMap<>(Map.of("theme", "default", "accentLight", "", "accentDark", "",
                "font", "theme", "customCss", ""));
        form.putAll(changes);
        return admin.submit("/admin/appearance", "/admin/appearance", form);
    }

    @Test
    void theAdminSwitchesTheSiteThemeAndVisitorsSeeItAtOnce() {
        String before = site.get("/latest").body();
        assertTrue(before.contains(LIST), before);
        assertFalse(before.contains(TABLE));
        assertEquals(before.length(), site.get("/latest").body().length(), "the page is now in the shared cache");

        assertEquals(303, save(admin, Map.of("theme", "classic")).statusCode());
        String classic = site.get("/latest").body();
        assertTrue(classic.contains(TABLE), "not the cached page of the old theme:\n" + classic);
        assertTrue(classic.contains(">Topic</th>") && classic.contains(">Replies</th>")
                && classic.contains(">Views</th>") && classic.contains(">Activity</th>"), classic);
        assertTrue(classic.contains("Skip to content"), "the layout is inherited from default");
        Matcher css = Pattern.compile("href=\"(/assets/[0-9a-f]+/css/classic\\.css)\"").matcher(classic);
        assertTrue(css.find(), "classic's own stylesheet");
        HttpResponse<String> stylesheet = site.get(css.group(1));
        assertEquals(200, stylesheet.statusCode());
        assertTrue(stylesheet.body().contains(".topic-table"));
        Matcher site_css = Pattern.compile("href=\"(/assets/[0-9a-f]+/css/site\\.css)\"").matcher(classic);
        assertTrue(site_css.find());
        assertEquals(200, site.get(site_css.group(1)).statusCode(), "default's static files through classic's chain");
        assertTrue(admin.get("/latest").body().contains(TABLE), "members without a pick get the site's theme");

        assertEquals(303, save(admin, Map.of("theme", "default")).statusCode());
        String back = site.get("/latest").body();
        assertTrue(back.contains(LIST) && !back.contains(TABLE), back);
    }

    @Test
    void aChoiceStoredByAnotherNodeShowsHereWithinTheRefresh() throws InterruptedException {
        assertEquals(303, save(admin, Map.of("theme", "default", "accentLight", "#1d4ed8")).statusCode());
        assertTrue(site.get("/latest").body().contains(LIST));
        Sql.change(site.database(), "UPDATE site_settings SET setting_value = ? WHERE name = ?", "classic",
                "appearance.theme");
        Sql.change(site.database(), "UPDATE site_settings SET setting_value = ? WHERE name = ?", "#0f766e",
                "appearance.accent-light");
        eventually("the other node's choice", () -> site.get("/latest").body().contains(TABLE));
        assertTrue(site.get("/latest").body().contains("--accent:#0f766e"));
    }

    @Test
    void anUnknownThemeIsRefusedNextToTheField() {
        HttpResponse<String> refused = save(admin, Map.of("theme", "nope"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("id=\"theme-error\""), refused.body());
        assertTrue(site.get("/latest").body().contains(LIST));
    }

    @Test
    void membersPickAnEnabledThemeAndOnlyAnEnabledOne() {
        Browser mia = member(site, "Mia", false);
        assertFalse(mia.get("/account/preferences").body().contains("name=\"siteTheme\""),
                "nothing to pick while no theme is enabled");
        HttpResponse<String> refused = mia.submit("/account/preferences", "/account/preferences",
                Map.of("theme", "auto", "timeZone", "UTC", "siteTheme", "classic"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("id=\"site-theme-error\""), refused.body());

        assertEquals(303, save(admin, Map.of("enabledThemes", "classic")).statusCode());
        assertTrue(mia.get("/account/preferences").body().contains("<option value=\"classic\""));
        assertEquals(303, mia.submit("/account/preferences", "/account/preferences",
                Map.of("theme", "auto", "timeZone", "UTC", "siteTheme", "classic")).statusCode());
        assertTrue(mia.get("/latest").body().contains(TABLE), "Mia's pick");
        assertTrue(site.get("/latest").body().contains(LIST), "visitors get the site's theme");
        assertTrue(admin.get("/latest").body().contains(LIST), "other members too");

        HttpResponse<String> bogus = mia.submit("/account/preferences", "/account/preferences",
                Map.of("theme", "auto", "timeZone", "UTC", "siteTheme", "../default"));
        assertEquals(400, bogus.statusCode());

        HttpResponse<String> api = mia.json("PUT", "/api/v1/me/preferences", "{\"siteTheme\":\"\"}");
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(mia.get("/latest").body().contains(LIST), "back to the site's theme");
        api = mia.json("PUT", "/api/v1/me/preferences", "{\"siteTheme\":\"classic\"}");
        assertEquals("classic", new io.vertx.core.json.JsonObject(api.body()).getString("siteTheme"));
        assertTrue(mia.get("/latest").body().contains(TABLE));

        assertEquals(303, save(admin, Map.of()).statusCode(), "no theme enabled any more");
        HttpResponse<String> disabled = mia.json("PUT", "/api/v1/me/preferences", "{\"siteTheme\":\"classic\"}");
        assertEquals(400, disabled.statusCode());
        assertEquals("siteTheme", new io.vertx.core.json.JsonObject(disabled.body()).getString("field"));
        assertTrue(mia.get("/latest").body().contains(LIST), "a disabled pick falls back to the site's theme");
    }

    @Test
    void onlyAdminsWithTheFormsTokenChangeTheAppearance() {
        Browser member = member(site, "Nat", false);
        assertEquals(403, member.get("/admin/appearance").statusCode());
        assertEquals(403, member.submit("/latest", "/admin/appearance", Map.of("theme", "classic")).statusCode());
        assertFalse(site.get("/admin/appearance").body().contains("name=\"customCss\""), "visitors are refused too");
        HttpResponse<String> noToken = admin.post("/admin/appearance", Map.of("theme", "classic", "accentLight", "",
                "accentDark", "", "font", "theme", "customCss", ""));
        assertEquals(403, noToken.statusCode());
        assertTrue(site.get("/latest").body().contains(LIST), "nothing changed");
        assertTrue(admin.get("/admin").body().contains("href=\"/admin/appearance\""), "linked from the admin index");
    }
}
