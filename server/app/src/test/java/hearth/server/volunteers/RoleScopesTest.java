package hearth.server.volunteers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import hearth.server.testing.Trust;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles feed the core's permission checks, over HTTP: an "Events moderator" granted in Events hides, locks and
 * reviews flags there and gets 403 elsewhere, silences for 24 hours but not longer; an "Event host" creates events in
 * their category only; a revoked role stops working at once; only admins define and grant roles, and bad input is
 * explained.
 */
class RoleScopesTest {

    static final String EVENTS = "Events & Meetups";
    static final String GENERAL = "General";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Volunteers fx;
    static Browser admin;
    static Browser evie;
    static Browser hosty;
    static Browser poster;
    static Browser flagger;
    static Browser plain;
    static long eventsModerator;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        fx = new Volunteers(site);
        admin = Members.member(site, "Roleadmin", "admin");
        Trust.letNewcomersFlag(admin);
        evie = Members.member(site, "Evie", "member");
        hosty = Members.member(site, "Hosty", "member");
        poster = Members.member(site, "Posterly", "member");
        flagger = Members.member(site, "Flaggy", "member");
        plain = Members.member(site, "Plainer", "member");
        eventsModerator = fx.role(admin, "Events moderator", true, "discussions.moderate", "moderation.review",
                "moderation.silence-briefly");
        fx.grant(admin, "Evie", eventsModerator, "", EVENTS);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static String tools(long topicId) {
        return "/x/moderation/topics/" + topicId;
    }

    @Test
    void eventsModeratorLocksAndMovesInEventsOnly() {
        long inEvents = fx.topic(poster, EVENTS, "Seed swap car park");
        long inGeneral = fx.topic(poster, GENERAL, "Compost questions");

        assertEquals(403, plain.submit("/", tools(inEvents) + "/lock", Map.of()).statusCode());
        assertEquals(303, evie.submit(tools(inEvents), tools(inEvents) + "/lock", Map.of()).statusCode());
        assertTrue(Sql.value(site.database(), "SELECT locked_at FROM topics WHERE id = ?", inEvents) != null);

        assertEquals(403, evie.get(tools(inGeneral)).statusCode());
        assertEquals(403, evie.submit("/", tools(inGeneral) + "/lock", Map.of()).statusCode());
        assertEquals(null, Sql.value(site.database(), "SELECT locked_at FROM topics WHERE id = ?", inGeneral));
        assertEquals(403, evie.submit(tools(inEvents), tools(inEvents) + "/move",
                Map.of("categoryId", String.valueOf(fx.category(GENERAL)))).statusCode(),
                "not into a category the role does not cover");
    }

    @Test
    void eventsModeratorReviewsFlagsInEventsOnly() {
        long eventsReply = fx.reply(poster, fx.topic(poster, EVENTS, "Workshop sign-up"), "Buy cheap seeds here");
        long generalReply = fx.reply(poster, fx.topic(poster, GENERAL, "Slug trouble"), "Buy cheap pellets here");
        long eventsItem = fx.flag(flagger, eventsReply);
        long generalItem = fx.flag(flagger, generalReply);

        assertEquals(403, plain.get("/x/moderation/review").statusCode());
        HttpResponse<String> queue = evie.get("/x/moderation/review");
        assertEquals(200, queue.statusCode());
        assertTrue(queue.body().contains("/x/moderation/review/" + eventsItem + "\""), queue.body());
        assertFalse(queue.body().contains("/x/moderation/review/" + generalItem + "\""));
        assertTrue(evie.get("/").body().contains("Review ("), "the nav counts their queue");

        assertEquals(403, evie.get("/x/moderation/review/" + generalItem).statusCode());
        assertEquals(403, fx.act(evie, generalItem, "hide", Map.of()).statusCode());
        assertEquals(303, fx.act(evie, eventsItem, "hide", Map.of()).statusCode());
        assertTrue(Sql.value(site.database(), "SELECT hidden_at FROM posts WHERE id = ?", eventsReply) != null);
    }

    @Test
    void eventsModeratorSilencesForADayAtMost() {
        long first = fx.flag(flagger, fx.reply(poster, fx.topic(poster, EVENTS, "Meetup lifts"), "Spam number one, buy now"));
        HttpResponse<String> longer = fx.act(evie, first, "silence",
                Map.of("length", "three-days", "reason", "Advertising"));
        assertEquals(403, longer.statusCode());
        assertTrue(longer.body().contains("up to 24 hours"), longer.body());
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM members WHERE username_key = 'posterly'"
                + " AND status = 'silenced'"));

        assertEquals(303, fx.act(evie, first, "silence", Map.of("length", "day", "reason", "Advertising"))
                .statusCode());
        Instant until = Timestamp.valueOf(Sql.value(site.database(),
                "SELECT status_until FROM members WHERE username_key = 'posterly'")).toInstant();
        assertTrue(until.isBefore(Instant.now().plus(25, ChronoUnit.HOURS)), "24 hours, not more: " + until);
        Sql.change(site.database(), "UPDATE members SET status = 'active', status_until = NULL"
                + " WHERE username_key = 'posterly'");
    }

    @Test
    void eventHostCreatesEventsInTheirCategoryOnly() {
        long host = fx.role(admin, "Event host", true, "events.host");
        fx.grant(admin, "Hosty", host, "", EVENTS);
        Instant start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        HttpResponse<String> refused = plain.json("POST", "/api/v1/events", fx.event(EVENTS, start));
        assertEquals(403, refused.statusCode(), refused.body());
        HttpResponse<String> created = hosty.json("POST", "/api/v1/events", fx.event(EVENTS, start));
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> elsewhere = hosty.json("POST", "/api/v1/events", fx.event(GENERAL, start));
        assertTrue(elsewhere.statusCode() == 400 || elsewhere.statusCode() == 403, elsewhere.body());
        assertEquals(0, fx.number("SELECT COUNT(*) FROM events WHERE category_id = ?", fx.category(GENERAL)),
                "General is not among the categories they may host in");
    }

    @Test
    void aRevokedRoleStopsWorkingAndTheMemberIsTold() {
        Browser temp = Members.member(site, "Tempmod", "member");
        long grant = fx.grant(admin, "Tempmod", eventsModerator, "", EVENTS);
        long topic = fx.topic(poster, EVENTS, "Temporary cover");
        assertEquals(200, temp.get(tools(topic)).statusCode());

        HttpResponse<String> noReason = admin.json("POST", Volunteers.API + "/grants/" + grant + "/revoke", "{}");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("\"error\""), noReason.body());
        assertEquals(200, temp.get(tools(topic)).statusCode(), "a refused revoke changes nothing");

        assertEquals(200, admin.json("POST", Volunteers.API + "/grants/" + grant + "/revoke",
                "{\"reason\": \"Back from holiday\"}").statusCode());
        assertEquals(403, temp.get(tools(topic)).statusCode());
        assertEquals(409, admin.json("POST", Volunteers.API + "/grants/" + grant + "/revoke",
                "{\"reason\": \"Twice\"}").statusCode(), "ended already");
        String notifications = temp.json("GET", "/api/v1/notifications", null).body();
        assertTrue(notifications.contains("You are now Events moderator"), notifications);
        assertTrue(notifications.contains("You are no longer Events moderator: Back from holiday"), notifications);
        assertEquals(1, fx.number("SELECT COUNT(*) FROM volunteer_roles_changes WHERE action = 'revoked'"
                + " AND member_id = ?", fx.member("Tempmod")));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'RoleRevoked'"));
    }

    @Test
    void onlyManagersDefineAndGrantRolesAndBadInputIsExplained() {
        assertEquals(403, plain.json("POST", Volunteers.API + "/roles",
                "{\"name\": \"Self-made\", \"permissions\": [\"discussions.moderate\"]}").statusCode());
        assertEquals(403, plain.json("POST", Volunteers.API + "/grants",
                "{\"member\": \"Plainer\", \"role\": " + eventsModerator + ", \"reason\": \"Me\"}").statusCode());
        assertEquals(403, evie.get("/admin/x/volunteer-roles/").statusCode());

        HttpResponse<String> unnamed = admin.json("POST", Volunteers.API + "/roles",
                "{\"name\": \"\", \"permissions\": [\"discussions.moderate\"]}");
        assertEquals(400, unnamed.statusCode());
        assertEquals("name", new JsonObject(unnamed.body()).getString("field"));
        HttpResponse<String> unknown = admin.json("POST", Volunteers.API + "/roles",
                "{\"name\": \"Wizard\", \"permissions\": [\"magic.everything\"]}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("magic.everything"), unknown.body());
        HttpResponse<String> twice = admin.json("POST", Volunteers.API + "/roles",
                "{\"name\": \"events MODERATOR\", \"permissions\": [\"discussions.moderate\"]}");
        assertEquals(400, twice.statusCode(), "names are unique, whatever the case");

        HttpResponse<String> nobody = admin.submit("/admin/x/volunteer-roles/", "/admin/x/volunteer-roles/grants",
                Map.of("member", "nobody-here", "role", String.valueOf(eventsModerator), "reason", "x"));
        assertEquals(400, nobody.statusCode());
        assertTrue(nobody.body().contains("There is no member called @nobody-here."), "next to the field");
        HttpResponse<String> past = admin.json("POST", Volunteers.API + "/grants", "{\"member\": \"Plainer\", "
                + "\"role\": " + eventsModerator + ", \"reason\": \"x\", \"ends\": \"2001-01-01\"}");
        assertEquals(400, past.statusCode());
        assertEquals(0, fx.number("SELECT COUNT(*) FROM volunteer_roles_grants WHERE member_id = ?",
                fx.member("Plainer")), "nothing half-written");
    }

    @Test
    void badgesShowOnPostsAndProfilesAndTheTeamPageListsHolders() {
        long topic = fx.topic(evie, EVENTS, "Evie's welcome");
        String page = site.get(topicPath(topic)).body();
        assertTrue(page.contains("<span class=\"role-badge\">Events moderator</span>"), page);
        assertTrue(site.get("/u/Evie").body().contains("role-badge"));
        String team = site.get("/x/volunteer-roles/team").body();
        assertTrue(team.contains("Events moderator") && team.contains("/u/Evie"), team);
        assertTrue(site.get("/api/v1/x/volunteer-roles/team").body().contains("\"username\":\"Evie\""));
    }

    static String topicPath(long topicId) {
        return "/t/" + Sql.value(site.database(), "SELECT slug FROM topics WHERE id = ?", topicId) + "/" + topicId;
    }
}
