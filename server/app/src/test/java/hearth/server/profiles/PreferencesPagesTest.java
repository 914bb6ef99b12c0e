package hearth.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /account/preferences: email frequencies, theme (applied to every page), time zone, ignoring members. */
class PreferencesPagesTest {

    private static final String PAGE = "/account/preferences";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community people;
    static Browser admin;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        people = new Community(site);
        admin = people.signUp("Founder");
        people.staff("Tomas", "moderator");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static Map<String, String> form(String replies, String digest, String theme, String zone) {
        Map<String, String> form = new HashMap<>(Map.of("email.replies", replies, "email.mentions", "immediately",
                "email.messages", "weekly", "email.digest", digest, "theme", theme, "timeZone", zone));
        return form;
    }

    private static void assertFieldError(HttpResponse<String> response, String field, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("id=\"" + field + "-error\" role=\"alert\">" + message), response.body());
    }

    private static String selected(String html, String select) {
        int start = html.indexOf("<select id=\"" + select + "\"");
        Matcher m = Pattern.compile("<option value=\"([a-z]+)\" selected>").matcher(html.substring(start,
                html.indexOf("</select>", start)));
        return m.find() ? m.group(1) : null;
    }

    @Test
    void defaultsThenSavedChoicesAreShownAndTheThemeAppliesToEveryPage() {
        Browser rowan = people.signUp("Rowan");
        String page = rowan.get(PAGE).body();
        assertEquals("daily", selected(page, "email.replies"));
        assertEquals("never", selected(page, "email.digest"), "the absent-member digest is opt-in");
        assertFalse(page.contains("<select id=\"email.digest\" name=\"email.digest\">\n            <option "
                + "value=\"immediately\""), "the digest cannot be immediate");
        assertTrue(page.contains("name=\"theme\" value=\"auto\" checked"), page);
        assertTrue(page.contains("<html lang=\"en\" data-theme=\"auto\">"), page);

        HttpResponse<String> saved = rowan.submit(PAGE, PAGE, form("immediately", "weekly", "dark",
                " America/New_York"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(PAGE + "?saved=1", saved.headers().firstValue("location").orElseThrow());
        page = rowan.get(PAGE + "?saved=1").body();
        assertTrue(page.contains("Your preferences are saved."));
        assertEquals("immediately", selected(page, "email.replies"));
        assertEquals("weekly", selected(page, "email.messages"));
        assertEquals("weekly", selected(page, "email.digest"));
        assertTrue(page.contains("name=\"theme\" value=\"dark\" checked"), page);
        assertTrue(page.contains("value=\"America/New_York\""), page);
        assertTrue(rowan.get("/").body().contains("<html lang=\"en\" data-theme=\"dark\">"), "every page");
        assertTrue(rowan.get("/members").body().contains("data-theme=\"dark\""));
        assertTrue(new Browser(site).get("/").body().contains("data-theme=\"auto\""), "only for Rowan");
        assertEquals("immediately", people.text("SELECT frequency FROM member_email_preferences WHERE member_id = ? "
                + "AND kind = 'replies'", people.id("Rowan")));
        assertEquals("America/New_York", people.text("SELECT time_zone FROM members WHERE id = ?",
                people.id("Rowan")));

        // Times on pages are shown in the viewer's zone: 02:00 UTC on New Year's Day is still the old year there.
        people.member("Midnight", "Midnight", java.time.Instant.parse("2099-01-01T02:00:00Z"), null);
        String inNewYork = rowan.get("/u/Midnight").body();
        assertTrue(inNewYork.contains(">31 December 2098</time>"), inNewYork);
        assertTrue(new Browser(site).get("/u/Midnight").body().contains(">1 January 2099</time>"));
        assertTrue(rowan.get("/u/Rowan").body().contains("<dd class=\"time-zone\">America/New_York</dd>"));

        // The stylesheet lets data-theme override the system's preference.
        Matcher css = Pattern.compile("href=\"(/assets/[0-9a-f]+/css/site.css)\"").matcher(page);
        assertTrue(css.find());
        String stylesheet = new Browser(site).get(css.group(1)).body();
        assertTrue(stylesheet.contains(":root[data-theme=dark] { color-scheme: dark;"), stylesheet);
        assertTrue(stylesheet.contains(":root[data-theme=light] { color-scheme: light;"), stylesheet);
    }

    @Test
    void badChoicesAreExplainedNextToTheirFieldsAndNothingIsSaved() {
        Browser hazel = people.signUp("Hazel");
        HttpResponse<String> response = hazel.submit(PAGE, PAGE, form("hourly", "immediately", "neon", "Mars/Base"));
        assertFieldError(response, "email.replies", "Choose immediately, daily, weekly or never.");
        assertFieldError(response, "email.digest", "The digest can be sent daily, weekly or never.");
        assertFieldError(response, "theme", "Choose light, dark or auto.");
        assertFieldError(response, "timeZone", "That is not a time zone we know.");
        assertTrue(response.body().contains("value=\"Mars/Base\""), "the input is kept");
        assertEquals(0, people.number("SELECT COUNT(*) FROM member_email_preferences WHERE member_id = ?",
                people.id("Hazel")));
        assertEquals("UTC", people.text("SELECT time_zone FROM members WHERE id = ?", people.id("Hazel")));
        assertEquals("auto", people.text("SELECT theme FROM members WHERE id = ?", people.id("Hazel")));
    }

    @Test
    void preferencesNeedALoggedInMemberAndTheCsrfToken() {
        HttpResponse<String> anonymous = new Browser(site).get(PAGE);
        assertEquals(303, anonymous.statusCode());
        assertEquals("/login?next=%2Faccount%2Fpreferences", anonymous.headers().firstValue("location").orElseThrow());
        Browser visitor = new Browser(site);
        assertEquals(401, visitor.submit("/login", PAGE, form("daily", "never", "dark", "UTC")).statusCode());

        Browser sorrel = people.signUp("Sorrel");
        sorrel.get(PAGE);
        assertEquals(403, sorrel.post(PAGE, form("never", "never", "dark", "UTC")).statusCode());
        assertEquals(403, sorrel.post(PAGE + "/ignored", Map.of("username", "Founder")).statusCode());
        assertEquals("auto", people.text("SELECT theme FROM members WHERE id = ?", people.id("Sorrel")));
    }

    @Test
    void ignoringMembersButNeverYourselfOrStaff() {
        Browser ines = people.signUp("Ines");
        people.signUp("Kwame");
        people.signUp("Liwei");
        assertTrue(ines.get(PAGE).body().contains("You are not ignoring anyone."));

        assertEquals(303, ines.submit(PAGE, PAGE + "/ignored", Map.of("username", " kwame ")).statusCode());
        assertEquals(303, ines.submit(PAGE, PAGE + "/ignored", Map.of("username", "Liwei")).statusCode());
        assertEquals(303, ines.submit(PAGE, PAGE + "/ignored", Map.of("username", "LIWEI")).statusCode(),
                "twice is fine");
        String page = ines.get(PAGE).body();
        assertTrue(page.contains("<a href=\"/u/Kwame\">@Kwame</a>") && page.contains("<a href=\"/u/Liwei\">@Liwei</a>"),
                page);
        assertEquals(2, people.number("SELECT COUNT(*) FROM member_ignores WHERE member_id = ?", people.id("Ines")));

        assertFieldError(ines.submit(PAGE, PAGE + "/ignored", Map.of("username", "Ines")), "username",
                "You cannot ignore yourself.");
        assertFieldError(ines.submit(PAGE, PAGE + "/ignored", Map.of("username", "tomas")), "username",
                "You cannot ignore Tomas: moderators and admins need to be able to reach everyone.");
        assertFieldError(ines.submit(PAGE, PAGE + "/ignored", Map.of("username", "Founder")), "username",
                "You cannot ignore Founder");
        HttpResponse<String> unknown = ines.submit(PAGE, PAGE + "/ignored", Map.of("username", "nobody"));
        assertFieldError(unknown, "username", "There is no member called nobody.");
        assertTrue(unknown.body().contains("value=\"nobody\""), "the input is kept");
        assertTrue(unknown.body().contains("@Kwame"), "the list is still shown");
        assertFieldError(ines.submit(PAGE, PAGE + "/ignored", Map.of("username", "")), "username",
                "Enter the username of the member to ignore.");

        long kwame = people.id("Kwame");
        assertEquals(303, ines.submit(PAGE, PAGE + "/ignored/" + kwame + "/remove", Map.of()).statusCode());
        assertFalse(ines.get(PAGE).body().contains("@Kwame"));
        assertEquals(404, ines.submit(PAGE, PAGE + "/ignored/xyz/remove", Map.of()).statusCode());

        // A member who became staff after being ignored is no longer ignored.
        people.execute("UPDATE members SET role = 'moderator' WHERE username_key = 'liwei'");
        assertFalse(ines.get(PAGE).body().contains("@Liwei"));
    }

    @Test
    void theNavigationLinksToProfilePreferencesAndForAdminsProfileFields() {
        Browser yarrow = people.signUp("Yarrow");
        String nav = yarrow.get("/").body();
        assertTrue(nav.contains("<a href=\"/u/Yarrow\">Profile</a>"), nav);
        assertTrue(nav.contains("<a href=\"/account/preferences\">Preferences</a>"), nav);
        assertTrue(nav.contains("<a href=\"/members\">Members</a>"), nav);
        assertFalse(nav.contains("Profile fields"), nav);
        assertTrue(admin.get("/").body().contains("<a href=\"/admin/profile-fields\">Profile fields</a>"));
        String anonymous = new Browser(site).get("/").body();
        assertFalse(anonymous.contains("Preferences"), anonymous);
    }
}
