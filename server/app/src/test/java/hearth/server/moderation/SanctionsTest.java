package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sanctions over HTTP with the permission matrix: members may do nothing, category moderators open the member page
 * and warn, moderators also silence, suspend and lift, admins also ban; plus canned reasons, appeals and the JSON API.
 */
class SanctionsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser moderator;
    static Browser categoryModerator;
    static Browser member;

    @BeforeAll
    static void start() {
        // As behind a reverse proxy on the same host, so that visitors' addresses can differ.
        site = TestSite.start(dataDir, "--trusted-proxies", "127.0.0.1,::1");
        admin = Members.member(site, "Alderadmin", "admin");
        moderator = Members.member(site, "Modwren", "moderator");
        categoryModerator = Members.member(site, "Catmodder", "member");
        member = Members.member(site, "Plainrook", "member");
        CategoryModerators.appoint(admin, "Catmodder",
                Long.parseLong(Sql.value(site.database(), "SELECT MIN(id) FROM categories")));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static long id(String username) {
        return Long.parseLong(Sql.value(site.database(), "SELECT id FROM members WHERE username_key = ?",
                username.toLowerCase(Locale.ROOT)));
    }

    static String status(String username) {
        return Sql.value(site.database(), "SELECT status FROM members WHERE username_key = ?",
                username.toLowerCase(Locale.ROOT));
    }

    static long audits(String action, String username) {
        return Long.parseLong(Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE action = ?"
                + " AND subject_type = 'member' AND subject_id = ?", action, id(username)));
    }

    static String page(String username) {
        return "/x/moderation/members/" + username;
    }

    /** Posts one of the member page's forms, with the CSRF token from a page every signed-in member may open. */
    static HttpResponse<String> act(Browser who, String username, String action, String... fields) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        return who.submit("/", page(username) + "/" + action, values);
    }

    @Test
    void theMemberPageAndEachActionFollowThePermissionMatrix() {
        Members.member(site, "Matrixmole", "member");
        assertEquals(403, member.get(page("Matrixmole")).statusCode());
        assertEquals(403, new Browser(site).get(page("Matrixmole")).statusCode());
        assertEquals(403, act(member, "Matrixmole", "warn", "reason", "Nope").statusCode());
        assertEquals(403, act(member, "Matrixmole", "notes", "note", "Nope").statusCode());

        String seen = categoryModerator.get(page("Matrixmole")).body();
        assertTrue(seen.contains("Send warning"), seen);
        assertFalse(seen.contains("action=\"/x/moderation/members/Matrixmole/silence\""), "no silence form");
        assertEquals(303, act(categoryModerator, "Matrixmole", "warn", "reason", "Mind the tone.").statusCode());
        assertEquals(403, act(categoryModerator, "Matrixmole", "silence", "length", "day", "reason", "x")
                .statusCode());
        assertEquals(403, act(categoryModerator, "Matrixmole", "suspend", "length", "day", "reason", "x")
                .statusCode());
        assertEquals(403, act(categoryModerator, "Matrixmole", "ban", "reason", "x").statusCode());
        assertEquals("active", status("Matrixmole"));

        assertTrue(moderator.get(page("Matrixmole")).body().contains("/x/moderation/members/Matrixmole/suspend"));
        assertEquals(303, act(moderator, "Matrixmole", "silence", "length", "week", "reason", "Cool off.")
                .statusCode());
        assertEquals("silenced", status("Matrixmole"));
        assertEquals(403, act(moderator, "Matrixmole", "ban", "reason", "Enough.").statusCode());
        assertEquals(303, act(moderator, "Matrixmole", "lift", "reason", "Served enough.").statusCode());
        assertEquals("active", status("Matrixmole"));

        assertTrue(admin.get(page("Matrixmole")).body().contains("/x/moderation/members/Matrixmole/ban"));
        assertEquals(303, act(admin, "Matrixmole", "ban", "reason", "Enough.").statusCode());
        assertEquals("banned", status("Matrixmole"));
        assertEquals(403, act(moderator, "Matrixmole", "lift", "reason", "Mercy.").statusCode(), "bans are admins'");
        HttpResponse<String> downgrade = act(moderator, "Matrixmole", "silence", "length", "day", "reason", "x");
        assertEquals(400, downgrade.statusCode(), "a silence would end the ban");
        assertTrue(downgrade.body().contains("The member is banned: lift the ban first."), downgrade.body());
        assertEquals("banned", status("Matrixmole"));
        assertEquals(303, act(admin, "Matrixmole", "lift", "reason", "Second chance.").statusCode());
        assertEquals("active", status("Matrixmole"));

        for (String action : new String[] {"warn", "silence", "ban"}) {
            assertEquals(1, audits(action, "Matrixmole"), action);
        }
        assertEquals(2, audits("lift", "Matrixmole"));
        assertEquals(404, moderator.get(page("Nobodyhere")).statusCode());
    }

    @Test
    void aSilenceOf24HoursEndsADayLaterAndStopsPosting() {
        Browser quiet = Members.member(site, "Quietvole", "member");
        String topic = "/t/" + Sql.value(site.database(), "SELECT slug FROM topics WHERE category_id IS NOT NULL"
                + " ORDER BY id LIMIT 1") + "/" + Sql.value(site.database(),
                "SELECT id FROM topics WHERE category_id IS NOT NULL ORDER BY id LIMIT 1");
        Instant before = Instant.now();
        assertEquals(303, act(moderator, "Quietvole", "silence", "length", "day", "reason", "Flooding threads.")
                .statusCode());
        Instant until = Timestamp.valueOf(Sql.value(site.database(),
                "SELECT status_until FROM members WHERE username_key = 'quietvole'")).toLocalDateTime()
                .toInstant(ZoneOffset.UTC);
        assertTrue(!until.isBefore(before.plus(Duration.ofHours(24)).minusSeconds(5))
                && !until.isAfter(Instant.now().plus(Duration.ofHours(24)).plusSeconds(5)), until.toString());
        assertEquals("Flooding threads.", Sql.value(site.database(),
                "SELECT status_reason FROM members WHERE username_key = 'quietvole'"));
        assertEquals(1, audits("silence", "Quietvole"));
        assertTrue(Long.parseLong(Sql.value(site.database(), "SELECT COUNT(*) FROM journal WHERE event_type LIKE"
                + " '%MemberSilenced'")) >= 1);

        HttpResponse<String> refused = quiet.submit(topic, topic + "/reply", Map.of("body", "Can I still post?"));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Your account is silenced"), refused.body());
        String shown = moderator.get(page("Quietvole")).body();
        assertTrue(shown.contains("silenced until") && shown.contains("Flooding threads."), shown);
    }

    @Test
    void aCustomLengthMustBeADayCountAndNothingIsWrittenOtherwise() {
        Members.member(site, "Customcrow", "member");
        HttpResponse<String> zero = act(moderator, "Customcrow", "suspend", "length", "custom", "days", "0",
                "reason", "Testing.");
        assertEquals(400, zero.statusCode());
        assertTrue(zero.body().contains("id=\"suspend-days-error\"") && zero.body().contains("Enter from 1 to 3650 days."),
                zero.body());
        assertTrue(zero.body().contains("aria-describedby=\"suspend-days-error\""));
        HttpResponse<String> letters = act(moderator, "Customcrow", "suspend", "length", "custom", "days", "abc",
                "reason", "Testing.");
        assertEquals(400, letters.statusCode());
        assertTrue(letters.body().contains("Enter the number of days as a whole number"), letters.body());
        assertTrue(letters.body().contains(">Testing.</textarea>"), "the reason typed is kept");
        HttpResponse<String> noReason = act(moderator, "Customcrow", "silence", "length", "day");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("Give a reason: the member will read it."));
        assertEquals(400, act(moderator, "Customcrow", "suspend", "length", "forever", "reason", "x").statusCode());
        assertEquals(400, act(moderator, "Customcrow", "suspend", "length", "permanent", "reason", "x").statusCode());
        assertEquals("active", status("Customcrow"));
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE subject_id = ?",
                id("Customcrow")));

        assertEquals(303, act(moderator, "Customcrow", "suspend", "length", "custom", "days", "10",
                "reason", "Ten days off.").statusCode());
        Instant until = Timestamp.valueOf(Sql.value(site.database(),
                "SELECT status_until FROM members WHERE username_key = 'customcrow'")).toLocalDateTime()
                .toInstant(ZoneOffset.UTC);
        assertTrue(until.isAfter(Instant.now().plus(Duration.ofDays(10)).minusSeconds(60)), until.toString());
    }

    @Test
    void aSuspendedMemberCannotLogInAndReadsWhy() {
        Browser suspended = Members.member(site, "Suspendedstoat", "member");
        assertEquals(303, act(moderator, "Suspendedstoat", "suspend", "length", "three-days", "reason",
                "Repeated insults in the market threads.").statusCode());
        assertEquals("suspended", status("Suspendedstoat"));
        assertEquals(1, audits("suspend", "Suspendedstoat"));
        assertEquals(303, suspended.get("/account/preferences").statusCode(), "their session ended");

        HttpResponse<String> login = new Browser(site).submit("/login", "/login",
                Map.of("identifier", "Suspendedstoat", "password", Members.PASSWORD));
        assertEquals(400, login.statusCode());
        assertTrue(login.body().contains("This account is suspended until")
                && login.body().contains("Repeated insults in the market threads.")
                && login.body().contains("To appeal: /x/moderation/appeal"), login.body());
    }

    @Test
    void aBanWithACannedReasonAndItsLifting() {
        Members.member(site, "Bannedbadger", "member");
        String spam = Sql.value(site.database(), "SELECT id FROM moderation_reasons WHERE title = 'Spam'");
        String text = Sql.value(site.database(), "SELECT body FROM moderation_reasons WHERE title = 'Spam'");
        assertTrue(admin.get(page("Bannedbadger")).body().contains("<option value=\"" + spam + "\">Spam</option>"));
        assertEquals(303, act(admin, "Bannedbadger", "ban", "canned", spam, "reason", "").statusCode());
        assertEquals("banned", status("Bannedbadger"));
        assertEquals(text + " (To appeal: /x/moderation/appeal)", Sql.value(site.database(),
                "SELECT status_reason FROM members WHERE username_key = 'bannedbadger'"));
        HttpResponse<String> login = new Browser(site).submit("/login", "/login",
                Map.of("identifier", "Bannedbadger", "password", Members.PASSWORD));
        assertTrue(login.body().contains("This account has been banned: " + text.replace("'", "&#39;")),
                login.body());

        assertEquals(303, act(admin, "Bannedbadger", "lift", "reason", "Appeal accepted.").statusCode());
        assertEquals("active", status("Bannedbadger"));
        Members.logIn(site, "Bannedbadger");
        assertEquals(400, act(admin, "Bannedbadger", "lift", "reason", "Again?").statusCode(), "nothing to lift");
    }

    @Test
    void aWarningArrivesAsAPrivateMessageFromTheModerator() {
        Browser warned = Members.member(site, "Warnedwren", "member");
        assertEquals(303, act(categoryModerator, "Warnedwren", "warn", "reason", "Please keep it civil in General.")
                .statusCode());
        String messages = warned.get("/messages").body();
        assertTrue(messages.contains("A warning from the moderators"), messages);
        assertEquals(1, audits("warn", "Warnedwren"));
        assertTrue(Long.parseLong(Sql.value(site.database(),
                "SELECT COUNT(*) FROM journal WHERE event_type LIKE '%MemberWarned'")) >= 1);
        assertEquals(400, act(categoryModerator, "Warnedwren", "warn", "reason", " ").statusCode());
        assertEquals(1, audits("warn", "Warnedwren"));
    }

    @Test
    void staffCannotBeSanctioned() {
        for (String action : new String[] {"warn", "silence", "suspend", "ban"}) {
            HttpResponse<String> refused = act(admin, "Modwren", action, "length", "day", "reason", "Nope.");
            assertEquals(400, refused.statusCode(), action);
            assertTrue(refused.body().contains("Moderators and admins cannot be sanctioned"), refused.body());
            assertTrue(refused.body().contains("id=\"" + action + "-member-error\""), action);
        }
        assertEquals("active", status("Modwren"));
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE subject_type ="
                + " 'member' AND subject_id = ?", id("Modwren")));
    }

    @Test
    void theProfileShowsModerateToStaffOnly() {
        Members.member(site, "Profilepika", "member");
        String link = "href=\"/x/moderation/members/Profilepika\"";
        assertTrue(moderator.get("/u/Profilepika").body().contains(link));
        assertTrue(categoryModerator.get("/u/Profilepika").body().contains(link));
        assertFalse(member.get("/u/Profilepika").body().contains(link));
        assertFalse(site.get("/u/Profilepika").body().contains(link));
    }

    @Test
    void adminsEditTheCannedReasonsAndEveryChangeIsAudited() {
        assertEquals(403, member.get("/x/moderation/reasons").statusCode());
        assertEquals(403, moderator.get("/x/moderation/reasons").statusCode());
        assertTrue(admin.get("/x/moderation/reasons").body().contains("Harassment"));

        HttpResponse<String> empty = admin.submit("/x/moderation/reasons", "/x/moderation/reasons",
                Map.of("title", "", "body", "Some text"));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("id=\"title-new-error\""), empty.body());
        assertEquals(303, admin.submit("/x/moderation/reasons", "/x/moderation/reasons",
                Map.of("title", "Doxxing", "body", "Sharing someone's private details.")).statusCode());
        String doxx = Sql.value(site.database(), "SELECT id FROM moderation_reasons WHERE title = 'Doxxing'");
        assertEquals(303, admin.submit("/x/moderation/reasons", "/x/moderation/reasons/" + doxx,
                Map.of("title", "Doxxing", "body", "Publishing someone's private details.")).statusCode());
        assertEquals("Publishing someone's private details.", Sql.value(site.database(),
                "SELECT body FROM moderation_reasons WHERE id = ?", Long.parseLong(doxx)));
        assertEquals(403, moderator.submit("/", "/x/moderation/reasons/" + doxx + "/delete", Map.of())
                .statusCode());
        assertEquals(303, admin.submit("/x/moderation/reasons", "/x/moderation/reasons/" + doxx + "/delete",
                Map.of()).statusCode());
        assertNull(Sql.value(site.database(), "SELECT id FROM moderation_reasons WHERE title = 'Doxxing'"));
        assertEquals("3", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE subject_type ="
                + " 'reason' AND subject_id = ?", Long.parseLong(doxx)));
        assertEquals(404, admin.submit("/x/moderation/reasons", "/x/moderation/reasons/" + doxx + "/delete",
                Map.of()).statusCode());
    }

    @Test
    void appealsAreSentWithoutAnAccountAndAnsweredByModerators() {
        Members.member(site, "Appealingasp", "member");
        assertEquals(303, act(admin, "Appealingasp", "ban", "reason", "Spam links.").statusCode());
        Browser visitor = new Browser(site);
        assertTrue(visitor.get("/x/moderation/appeal").body().contains("Appeal a sanction"));
        HttpResponse<String> tooLong = visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "Appealingasp", "message", "x".repeat(2001)));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("Keep your appeal under 2,000 characters."));
        HttpResponse<String> sent = visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "Appealingasp", "message", "Those links were my own shop, sorry."));
        assertEquals(303, sent.statusCode(), sent.body());
        assertTrue(visitor.get(sent.headers().firstValue("Location").orElseThrow()).body()
                .contains("your appeal was sent"));
        long appeal = Long.parseLong(Sql.value(site.database(), "SELECT id FROM moderation_appeals WHERE member_id = ?",
                id("Appealingasp")));

        assertEquals(403, member.get("/x/moderation/appeals").statusCode());
        assertEquals(403, categoryModerator.get("/x/moderation/appeals").statusCode());
        String list = moderator.get("/x/moderation/appeals").body();
        assertTrue(list.contains("Those links were my own shop, sorry.") && list.contains("@Appealingasp"), list);
        assertEquals(403, moderator.submit("/x/moderation/appeals", "/x/moderation/appeals/" + appeal + "/lift",
                Map.of("note", "ok")).statusCode(), "a ban is lifted by admins");
        assertEquals("open", Sql.value(site.database(), "SELECT state FROM moderation_appeals WHERE id = ?", appeal));
        assertEquals(303, admin.submit("/x/moderation/appeals", "/x/moderation/appeals/" + appeal + "/lift",
                Map.of("note", "Fair enough.")).statusCode());
        assertEquals("active", status("Appealingasp"));
        assertEquals("lifted", Sql.value(site.database(), "SELECT state FROM moderation_appeals WHERE id = ?",
                appeal));
        assertEquals(1, audits("lift", "Appealingasp"));
        assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE action ="
                + " 'appeal.lift' AND subject_id = ?", appeal));
        assertEquals(409, admin.submit("/x/moderation/appeals", "/x/moderation/appeals/" + appeal + "/uphold",
                Map.of()).statusCode());

        assertEquals(303, visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "someone@example.org", "message", "Please look again.")).statusCode());
        long byEmail = Long.parseLong(Sql.value(site.database(),
                "SELECT id FROM moderation_appeals WHERE identifier = 'someone@example.org'"));
        assertEquals(303, moderator.submit("/x/moderation/appeals", "/x/moderation/appeals/" + byEmail + "/uphold",
                Map.of("note", "No sanction found.")).statusCode());
        assertEquals("upheld", Sql.value(site.database(), "SELECT state FROM moderation_appeals WHERE id = ?",
                byEmail));
        assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE action ="
                + " 'appeal.uphold' AND subject_id = ?", byEmail));
    }

    @Test
    void appealsAreLimitedPerUsernameAndPerAddress() {
        Browser visitor = new Browser(site);
        for (int i = 0; i < 3; i++) { // each from an address of its own: only the username's limit applies
            assertEquals(303, visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                    Map.of("identifier", "Floodfox", "message", "Appeal " + i), "X-Forwarded-For", "192.0.2.1" + i)
                    .statusCode());
        }
        HttpResponse<String> limited = visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "floodfox", "message", "Appeal 4"), "X-Forwarded-For", "192.0.2.20");
        assertEquals(429, limited.statusCode());
        assertTrue(limited.body().contains("wait an hour"), limited.body());
        assertEquals("3", Sql.value(site.database(),
                "SELECT COUNT(*) FROM moderation_appeals WHERE identifier = 'Floodfox'"));

        for (int i = 0; i < 3; i++) {
            assertEquals(303, visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                    Map.of("identifier", "Hopper" + i, "message", "From one address"), "X-Forwarded-For",
                    "203.0.113.7").statusCode());
        }
        assertEquals(429, visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "Hopper9", "message", "From one address"), "X-Forwarded-For", "203.0.113.7")
                .statusCode());
        assertEquals(303, visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "Hopper9", "message", "From another address"), "X-Forwarded-For",
                "203.0.113.8").statusCode());
        assertEquals(429, visitor.submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "Hopper8", "message", "Claiming another address"), "X-Forwarded-For",
                "198.51.100.99, 203.0.113.7").statusCode(), "what the visitor wrote before the proxy's hop counts not");
    }

    @Test
    void theJsonApiHasTheSamePermissions() throws Exception {
        Members.member(site, "Jsonjay", "member");
        HttpResponse<String> refused = api(member, "GET", "/x/moderation/api/members/Jsonjay", Map.of());
        assertEquals(403, refused.statusCode());
        HttpResponse<String> shown = api(categoryModerator, "GET", "/x/moderation/api/members/Jsonjay", Map.of());
        assertEquals(200, shown.statusCode(), shown.body());
        assertTrue(shown.body().contains("\"standing\":{\"standing\":\"active\""), shown.body());

        assertEquals(403, api(categoryModerator, "POST", "/x/moderation/api/members/Jsonjay/silence",
                Map.of("length", "day", "reason", "x")).statusCode());
        HttpResponse<String> bad = api(moderator, "POST", "/x/moderation/api/members/Jsonjay/silence",
                Map.of("length", "custom", "days", "abc", "reason", "x"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"days\""), bad.body());
        HttpResponse<String> silenced = api(moderator, "POST", "/x/moderation/api/members/Jsonjay/silence",
                Map.of("length", "month", "reason", "Cool down."));
        assertEquals(200, silenced.statusCode(), silenced.body());
        assertTrue(silenced.body().contains("\"standing\":\"silenced\"") && silenced.body().contains("Cool down."),
                silenced.body());
        assertEquals(403, api(moderator, "POST", "/x/moderation/api/members/Jsonjay/ban",
                Map.of("reason", "x")).statusCode());
        assertEquals(200, api(admin, "POST", "/x/moderation/api/members/Jsonjay/ban", Map.of("reason", "Gone."))
                .statusCode());
        assertEquals("banned", status("Jsonjay"));
        assertEquals(200, api(categoryModerator, "POST", "/x/moderation/api/members/Jsonjay/notes",
                Map.of("note", "Came back under another name?")).statusCode());
        assertEquals(1, audits("note", "Jsonjay"));
    }

    /** A JSON API call with form fields, the session cookie and the CSRF token as a header. */
    static HttpResponse<String> api(Browser who, String method, String path, Map<String, String> fields) {
        if (method.equals("GET")) {
            return who.json("GET", path, null);
        }
        who.get("/");
        return who.post(path, fields, "Accept", "application/json", "X-CSRF-Token",
                who.cookie("hearth_csrf").orElseThrow().getValue());
    }
}
