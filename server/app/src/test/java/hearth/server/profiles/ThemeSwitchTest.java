package hearth.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * The header's light/dark switch: a member's choice is stored as their preference, a visitor's in a cookie; without
 * JavaScript the browser goes back to the page it was on, with htmx it gets an event naming the theme.
 */
class ThemeSwitchTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community people;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        people = new Community(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void everyPageHasTheSwitch() {
        String home = new Browser(site).get("/members").body();
        assertTrue(home.contains("<form method=\"post\" action=\"/account/theme\" class=\"theme-toggle\""), home);
        assertTrue(home.contains("name=\"next\" value=\"/members\""), home);
        assertTrue(home.contains("name=\"theme\" value=\"dark\""), home);
        assertTrue(home.contains("name=\"theme\" value=\"light\""), home);
    }

    @Test
    void aMembersChoiceIsTheirPreferenceWithOrWithoutJavaScript() {
        Browser ivy = people.signUp("Ivy");
        HttpResponse<String> plain = ivy.submit("/members", "/account/theme", Map.of("theme", "dark",
                "next", "/members"));
        assertEquals(303, plain.statusCode(), plain.body());
        assertEquals("/members", plain.headers().firstValue("Location").orElseThrow());
        assertTrue(ivy.get("/").body().contains("<html lang=\"en\" data-theme=\"dark\">"));
        assertTrue(ivy.get("/account/preferences").body().contains("name=\"theme\" value=\"dark\" checked"));

        HttpResponse<String> htmx = ivy.submit("/", "/account/theme", Map.of("theme", "light", "next", "/"),
                "HX-Request", "true");
        assertEquals(204, htmx.statusCode(), htmx.body());
        assertEquals("{\"hearth:theme\":\"light\"}", htmx.headers().firstValue("HX-Trigger").orElseThrow());
        assertTrue(ivy.get("/").body().contains("data-theme=\"light\""));
        assertTrue(ivy.cookie("hearth_theme").isEmpty(), "a member's choice lives in the database");
    }

    @Test
    void aVisitorsChoiceIsACookieAndSharedPagesAreKeptPerTheme() {
        Browser visitor = new Browser(site);
        HttpResponse<String> chosen = visitor.submit("/", "/account/theme", Map.of("theme", "dark", "next", "/"));
        assertEquals(303, chosen.statusCode(), chosen.body());
        assertEquals("dark", visitor.cookie("hearth_theme").orElseThrow().getValue());
        assertTrue(visitor.get("/").body().contains("data-theme=\"dark\""));
        assertTrue(new Browser(site).get("/").body().contains("data-theme=\"auto\""), "other visitors unchanged");
    }

    @Test
    void theSwitchNeedsTheTokenAndStaysOnThisSite() {
        Browser visitor = new Browser(site);
        visitor.get("/");
        assertEquals(403, visitor.post("/account/theme", Map.of("theme", "dark", "next", "/")).statusCode());
        assertEquals(403, visitor.post("/account/theme", Map.of("theme", "dark"), "HX-Request", "true")
                .statusCode());
        assertTrue(visitor.cookie("hearth_theme").isEmpty());

        HttpResponse<String> away = visitor.submit("/", "/account/theme", Map.of("theme", "light",
                "next", "//evil.example/"));
        assertEquals("/", away.headers().firstValue("Location").orElseThrow());
        assertEquals(400, visitor.submit("/", "/account/theme", Map.of("theme", "neon", "next", "/")).statusCode());
    }
}
