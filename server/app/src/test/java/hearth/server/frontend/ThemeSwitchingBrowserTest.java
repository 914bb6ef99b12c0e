package hearth.server.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Chrome;
import hearth.server.testing.Members;
import hearth.server.testing.TestSite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * Themes switched the way people switch them, in real Chromium: an admin lets members pick the bundled classic theme,
 * a member picks it and its dark mode, then the admin makes it the site's theme for everyone. Classic's pages are held
 * to the same accessibility bar as the default theme's.
 */
class ThemeSwitchingBrowserTest {

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        KeyPages.ensureAdmin(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aMemberPicksTheClassicThemeAndDarkModeThenTheAdminMakesItTheSitesTheme() {
        Members.member(site, "mira", "member");
        try (Chrome admin = Chrome.open(site); Chrome mira = Chrome.open(site); Chrome visitor = Chrome.open(site)) {
            KeyPages.logIn(admin, KeyPages.ADMIN);
            admin.visit("/admin/appearance").click("input[name=enabledThemes][value=classic]").press("Save");
            admin.awaitText("Saved.");

            KeyPages.logIn(mira, "mira");
            mira.visit("/account/preferences");
            new Select(mira.field("Site theme")).selectByValue("classic");
            mira.click("input[name=theme][value=dark]").press("Save preferences");
            mira.await("preferences saved", d -> "dark".equals(mira.find("html").getDomAttribute("data-theme")));
            mira.visit("/latest");
            assertFalse(mira.all("table.topic-table").isEmpty(), "the member's pick shows the classic topic table");
            assertEquals("dark", mira.find("html").getDomAttribute("data-theme"));
            assertEquals(List.of(), mira.screenshots("classic-dark-topic-list"));

            visitor.visit("/latest");
            assertTrue(visitor.all("table.topic-table").isEmpty(), "visitors still get the site's theme");

            admin.visit("/admin/appearance");
            new Select(admin.field("Site theme")).selectByValue("classic");
            admin.press("Save").awaitText("Saved.");
            visitor.visit("/latest");
            assertFalse(visitor.all("table.topic-table").isEmpty(), "the site's theme switched without a restart");

            List<String> problems = new ArrayList<>();
            for (String path : List.of("/", "/latest", KeyPages.topicPath(site, "Sharing my watering schedule script"))) {
                visitor.visit(path);
                for (String scheme : List.of("light", "dark")) {
                    visitor.colourScheme(scheme).seriousAccessibilityViolations()
                            .forEach(v -> problems.add("classic " + path + " (" + scheme + ") " + v));
                }
                problems.addAll(visitor.colourScheme("light").screenshots("classic" + path.replace('/', '-')));
            }
            assertEquals(List.of(), problems);

            admin.visit("/admin/appearance");
            new Select(admin.field("Site theme")).selectByValue("default");
            admin.press("Save").awaitText("Saved.");
            visitor.visit("/latest");
            assertTrue(visitor.all("table.topic-table").isEmpty(), "and back");
        }
    }
}
