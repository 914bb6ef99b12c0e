package hearth.server.profiles;

import static hearth.server.profiles.Community.occurrences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profile pages, /u/{username} and /u/{username}/edit, over HTTP: what is shown to whom, who may change what. */
class ProfilePagesTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community people;
    static Browser admin;
    static Browser moderator;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        people = new Community(site);
        admin = people.signUp("Founder"); // the first account becomes the admin
        moderator = people.staff("Tomas", "moderator");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static Map<String, String> profileForm(String displayName) {
        Map<String, String> form = new HashMap<>();
        form.put("displayName", displayName);
        form.put("bio", "");
        form.put("location", "");
        form.put("website", "");
        form.put("pronouns", "");
        form.put("timeZone", "UTC");
        return form;
    }

    private static HttpResponse<String> edit(Browser browser, String username, Map<String, String> form) {
        return browser.submit("/u/" + username + "/edit", "/u/" + username + "/edit", form);
    }

    private static void assertFieldError(HttpResponse<String> response, String field, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("id=\"" + field + "-error\" role=\"alert\">" + message), response.body());
    }

    @Test
    void aProfileShowsWhatTheMemberEnteredWithTheBioSanitised() {
        Browser rowan = people.signUp("Rowan");
        Map<String, String> form = profileForm("Rowan Ash");
        form.put("bio", "Grows **beans**.\n\n[click](javascript:alert(2)) <img src=x onerror=alert(3)>\n\n"
                + "<script>alert(1)</script>");
        form.put("location", "Lisbon");
        form.put("website", "https://rowan.example/garden");
        form.put("pronouns", "they/them");
        form.put("timeZone", " Europe/Lisbon ");
        HttpResponse<String> saved = edit(rowan, "Rowan", form);
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("/u/Rowan", saved.headers().firstValue("location").orElseThrow());

        HttpResponse<String> page = new Browser(site).get("/u/rOWAN"); // any case finds the member
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("<h1 id=\"profile-heading\">Rowan Ash</h1>"), html);
        assertTrue(html.contains("<strong>beans</strong>"), html);
        assertFalse(html.contains("<script>alert(1)"), html);
        assertTrue(html.contains("click"), html);
        assertFalse(html.contains("href=\"javascript:"), html);
        assertFalse(html.contains("onerror"), html);
        assertTrue(html.contains("<a class=\"website\" href=\"https://rowan.example/garden\" "
                + "rel=\"nofollow ugc noopener\">"), html);
        assertTrue(html.contains("<span class=\"pronouns\">they/them</span>"), html);
        assertTrue(html.contains("<dd class=\"location\">Lisbon</dd>"), html);
        assertTrue(html.contains("<dd class=\"time-zone\">Europe/Lisbon</dd>"), html);
        assertTrue(html.contains("<img class=\"avatar\" src=\"/u/Rowan/avatar\""), html);
        assertTrue(html.contains("<time class=\"joined\" datetime=\""), html);

        assertTrue(people.text("SELECT bio FROM members WHERE username_key = 'rowan'").startsWith("Grows **beans**."));
        assertTrue(people.text("SELECT bio_html FROM members WHERE username_key = 'rowan'")
                .contains("<strong>beans</strong>"), "rendered once, on write");
        assertTrue(rowan.get("/").body().contains("<span class=\"who\">Rowan Ash</span>"),
                "the new display name shows in the member's own navigation at once");
    }

    @Test
    void unknownMembersGetTheNotFoundPage() {
        HttpResponse<String> page = new Browser(site).get("/u/nobody-here");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("Page not found"), page.body());
        assertEquals(404, new Browser(site).get("/u/" + "x".repeat(300)).statusCode());
    }

    @Test
    void badInputIsShownNextToEachFieldAndNothingChanges() {
        Browser hazel = people.signUp("Hazel");
        Map<String, String> form = profileForm("");
        form.put("website", "javascript:alert(1)");
        form.put("timeZone", "Mars/Olympus_Mons");
        form.put("location", "Lisbon");
        form.put("bio", "x".repeat(ProfileRules.BIO_MAX + 1));
        form.put("pronouns", "p".repeat(41));
        HttpResponse<String> response = edit(hazel, "Hazel", form);
        assertFieldError(response, "displayName", "Enter a display name.");
        assertFieldError(response, "website", "Only web addresses starting with https:// or http:// are allowed.");
        assertFieldError(response, "timeZone", "That is not a time zone we know.");
        assertFieldError(response, "bio", "The bio can be at most 5000 characters long (it is 5001).");
        assertFieldError(response, "pronouns", "Pronouns can be at most 40 characters long.");
        assertTrue(response.body().contains("value=\"Lisbon\""), "what the person typed is kept");
        assertEquals("", people.text("SELECT location FROM members WHERE username_key = 'hazel'"));

        form = profileForm("Hazel");
        form.put("website", "https://user:secret@example.org/");
        assertFieldError(edit(hazel, "Hazel", form), "website", "Enter a web address like https://example.org.");
        form.put("website", "http://exa mple.org");
        assertFieldError(edit(hazel, "Hazel", form), "website", "Enter a web address like https://example.org.");
        form.put("website", "ftp://example.org");
        assertFieldError(edit(hazel, "Hazel", form), "website", "Only web addresses starting with https://");
        form.put("website", "");
        form.put("displayName", "Tab\tName");
        assertFieldError(edit(hazel, "Hazel", form), "displayName", "Keep the display name on one line.");
        form.put("displayName", "Hazel");
        form.put("timeZone", "");
        assertFieldError(edit(hazel, "Hazel", form), "timeZone", "Choose a time zone");
    }

    @Test
    void onlyTheMemberThemselfOrAnAdminMayEditAProfile() {
        people.signUp("Bramble");
        Browser other = people.signUp("Sorrel");
        assertEquals(403, other.get("/u/Bramble/edit").statusCode());
        // Sorrel takes a valid token from her own form and posts to Bramble's.
        HttpResponse<String> forged = other.submit("/u/Sorrel/edit", "/u/Bramble/edit", profileForm("Taken over"));
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("Only Bramble and the site&#39;s admins can change this profile."),
                forged.body());
        assertEquals(403, moderator.get("/u/Bramble/edit").statusCode(), "moderators are not admins");
        assertEquals("Bramble", people.text("SELECT display_name FROM members WHERE username_key = 'bramble'"));

        HttpResponse<String> anonymous = new Browser(site).get("/u/Bramble/edit");
        assertEquals(303, anonymous.statusCode());
        assertEquals("/login?next=%2Fu%2FBramble%2Fedit", anonymous.headers().firstValue("location").orElseThrow());

        HttpResponse<String> adminForm = admin.get("/u/Bramble/edit");
        assertEquals(200, adminForm.statusCode());
        assertTrue(adminForm.body().contains("Edit the profile of Bramble"), adminForm.body());
        Map<String, String> form = profileForm("Bramble B.");
        form.put("location", "Porto");
        assertEquals(303, edit(admin, "Bramble", form).statusCode());
        assertEquals("Porto", people.text("SELECT location FROM members WHERE username_key = 'bramble'"));
        assertEquals(404, admin.get("/u/nobody-here/edit").statusCode());
    }

    @Test
    void editingNeedsTheFormsCsrfToken() {
        Browser yarrow = people.signUp("Yarrow");
        yarrow.get("/u/Yarrow/edit");
        HttpResponse<String> forged = yarrow.post("/u/Yarrow/edit", profileForm("Forged"));
        assertEquals(403, forged.statusCode());
        assertEquals("Yarrow", people.text("SELECT display_name FROM members WHERE username_key = 'yarrow'"));
    }

    @Test
    void aPrivateProfileShowsOthersOnlyTheUsernameButStaffAndTheMemberSeeIt() {
        Browser fern = people.signUp("Fern");
        Map<String, String> form = profileForm("Fern Gully");
        form.put("location", "Braga");
        form.put("hideProfile", "yes");
        assertEquals(303, edit(fern, "Fern", form).statusCode());

        for (Browser outsider : new Browser[] {new Browser(site), people.signUp("Nosy")}) {
            String html = outsider.get("/u/fern").body();
            assertTrue(html.contains("@Fern"), html);
            assertTrue(html.contains("This profile is private."), html);
            assertFalse(html.contains("Fern Gully"), html);
            assertFalse(html.contains("Braga"), html);
            assertFalse(html.contains("/u/Fern/avatar"), html);
            assertFalse(html.contains("Joined"), html);
        }
        String staffView = moderator.get("/u/fern").body();
        assertTrue(staffView.contains("Fern Gully") && staffView.contains("Braga"), staffView);
        assertTrue(staffView.contains("You see it because you are staff."), staffView);
        String ownView = fern.get("/u/fern").body();
        assertTrue(ownView.contains("Fern Gully") && ownView.contains("You see it because it is yours."), ownView);
        assertTrue(fern.get("/u/Fern/edit").body().contains("name=\"hideProfile\" value=\"yes\" checked"));
    }

    @Test
    void hiddenPresenceHidesLastSeenFromOthers() {
        Browser ivy = people.signUp("Ivy");
        Map<String, String> form = profileForm("Ivy");
        form.put("hidePresence", "yes");
        assertEquals(303, edit(ivy, "Ivy", form).statusCode());
        assertNotNull(people.text("SELECT last_seen_at FROM members WHERE username_key = 'ivy'"));

        String anonymous = new Browser(site).get("/u/Ivy").body();
        assertTrue(anonymous.contains("<dd class=\"last-seen\">Hidden</dd>"), anonymous);
        assertTrue(people.signUp("Peeker").get("/u/Ivy").body().contains("<dd class=\"last-seen\">Hidden</dd>"));
        assertTrue(moderator.get("/u/Ivy").body().contains("<dd class=\"last-seen\"><time datetime="));
        assertTrue(ivy.get("/u/Ivy").body().contains("<dd class=\"last-seen\"><time datetime="));

        people.signUp("Open").get("/"); // seen after signing up
        assertTrue(new Browser(site).get("/u/Open").body().contains("<dd class=\"last-seen\"><time datetime="),
                "presence is shown unless hidden");
    }

    @Test
    void countsAndTheTenLatestPostsWithTheirTopics() {
        people.signUp("Kwame");
        people.signUp("Ines");
        long kwame = people.id("Kwame");
        long ines = people.id("Ines");
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        long beans = people.topic(kwame, "Growing beans on poles", "growing-beans-on-poles", start);
        long slugs = people.topic(kwame, "Slugs & snails", "slugs-snails", start.plus(1, ChronoUnit.HOURS));
        long other = people.topic(ines, "Compost <tea>", "compost-tea", start.plus(2, ChronoUnit.HOURS));
        for (int i = 0; i < 9; i++) {
            people.reply(i % 2 == 0 ? beans : other, kwame, start.plus(3 + i, ChronoUnit.HOURS));
        }
        people.reply(slugs, ines, start.plus(20, ChronoUnit.HOURS));

        String html = new Browser(site).get("/u/kwame").body();
        assertTrue(html.contains("<strong class=\"count-topics\">2</strong> topics started"), html);
        assertTrue(html.contains("<strong class=\"count-replies\">9</strong> replies"), html);
        assertTrue(html.contains("<strong class=\"count-likes\">0</strong> likes received"), html);
        String recent = html.substring(html.indexOf("Recent activity"));
        assertEquals(10, occurrences(recent, "class=\"topic-title\""), recent);
        assertEquals(1, occurrences(recent, "Started the topic"), "the first topic (oldest post) is past the 10");
        assertTrue(recent.contains("href=\"/t/compost-tea/" + other + "\">Compost &lt;tea&gt;</a>"), recent);
        assertTrue(recent.contains("href=\"/t/slugs-snails/" + slugs + "\">Slugs &amp; snails</a>"), recent);
        assertTrue(recent.indexOf("compost-tea") < recent.indexOf("slugs-snails"), "newest first");
        assertFalse(recent.contains("growing-beans-on-poles/" + beans + "\">Growing beans on poles</a>\n"
                + "        <span class=\"meta\">Started"), recent);

        String empty = new Browser(site).get("/u/Founder").body();
        assertTrue(empty.contains("No posts yet."), empty);
        assertNull(people.text("SELECT bio FROM members WHERE username_key = 'founder'"));
    }
}
