package hearth.server.gamification;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SettableClock;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gamification rules on one site whose clock the test moves day by day: the points of each action, daily caps
 * per action and overall in the site's time zone, no points for self-likes and a cap on likes between two members,
 * points taken back when posts go or flags are rejected, badges (built-in, defined by admins, by hand) and featuring
 * them, levels and visits, and leaderboards against hand-computed totals. Visits are worth 0 points except where a
 * test counts them, so the members' own page views do not blur the sums.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GamificationTest {

    static final SettableClock CLOCK = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Gaming fx;
    static Browser admin;
    static long question;
    static Browser ann;
    static Browser bob;
    static Browser cid;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(dataDir, CLOCK);
        fx = new Gaming(site, CLOCK);
        Members.member(site, "Gamemaster", "admin");
        admin = Gaming.remembered(site, "Gamemaster");
        fx.enable(admin);
        fx.settings(admin, new JsonObject().put("points-visit", 0));
        // A Monday at 09:00 UTC, at least a week after the demo community's history.
        LocalDate monday = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC).plusWeeks(1)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        CLOCK.advance(Duration.between(CLOCK.instant(), monday.atTime(9, 0).toInstant(ZoneOffset.UTC)));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static LocalDate today() {
        return LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
    }

    @Test
    @Order(1)
    void eachActionEarnsItsPointsAndItsFirstBadges() throws Exception {
        ann = Gaming.member(site, "Ann");
        bob = Gaming.member(site, "Bob");
        cid = Gaming.member(site, "Cid");
        question = fx.topic(ann, "Help & Support", "My first tomatoes");
        Sql.change(site.database(), "UPDATE topics SET kind = 'question' WHERE id = ?", question);
        long opening = fx.opening(question);
        long answer = fx.reply(bob, question, "Water them deeply once a week, not a little every day.");
        fx.reply(cid, question, "Mulch keeps the soil moist between waterings.");
        fx.liked(bob, opening, true);
        assertTrue(fx.like(ann, opening, true).statusCode() >= 400, "no liking one's own post");
        fx.liked(cid, opening, true);
        fx.liked(cid, opening, false);
        HttpResponse<String> accepted = ann.json("POST", "/api/v1/posts/" + answer + "/accept", "{}");
        assertEquals(200, accepted.statusCode(), accepted.body());
        fx.settle();

        assertEquals(5 + 1, fx.points("Ann"), "topic 5, like received 1 (the withdrawn like counts nothing)");
        assertEquals(2 + 5 + 1 + 15, fx.points("Bob"), "reply 2, welcome 5, like given 1, accepted answer 15");
        assertEquals(2, fx.points("Cid"), "reply 2, no welcome (not the first reply); the like was withdrawn");
        assertEquals(List.of("first-like-received", "first-post"), fx.badges("Ann"));
        assertEquals(List.of("first-accepted-answer", "first-like-given", "first-post", "welcomer"),
                fx.badges("Bob"));
        assertEquals(List.of("first-like-given", "first-post"), fx.badges("Cid"), "a badge stays once earned");
        assertTrue(bob.get("/notifications").body().contains("You earned the bronze badge Welcomer"));
        assertEquals(0, fx.number("SELECT COUNT(*) FROM gamification_ledger WHERE member_id = ? AND action ="
                + " 'like-received' AND other_id = ?", fx.member("Ann"), fx.member("Ann")), "no self-likes");
        assertEquals(4, fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'BadgeGranted'"
                + " AND payload LIKE ?", "%\"memberId\":" + fx.member("Bob") + ",%"));
        assertTrue(fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'PointsAwarded'") >= 7);
    }

    @Test
    @Order(2)
    void capsLimitPointsPerActionPerPairAndPerDayInTheSiteTimeZone() throws Exception {
        CLOCK.advance(Duration.ofDays(1));
        fx.settings(admin, new JsonObject().put("cap-reply", 6).put("daily-cap", 10));
        Browser dan = Gaming.member(site, "Dan");
        Browser eve = Gaming.member(site, "Eve");
        List<Long> replies = List.of(fx.reply(dan, question, "Tomatoes like warmth, first of all."),
                fx.reply(dan, question, "Pinch out the side shoots as they come."),
                fx.reply(dan, question, "Feed them once the first fruit sets."),
                fx.reply(dan, question, "And keep the leaves dry when you water."));
        for (long reply : replies) {
            fx.liked(eve, reply, true);
        }
        fx.topic(dan, "General", "Tomato varieties for balconies");
        fx.settle();
        assertEquals(List.of("0", "2", "2", "2"), Sql.values(site.database(), "SELECT points FROM gamification_ledger"
                + " WHERE member_id = ? AND action = 'reply' ORDER BY points", fx.member("Dan")),
                "the fourth reply is over the reply cap of 6 but still counted, for badges");
        assertEquals(3, fx.number("SELECT COUNT(*) FROM gamification_ledger WHERE member_id = ? AND action ="
                + " 'like-received'", fx.member("Dan")), "only 3 likes from one member a day count");
        assertEquals(3, fx.points("Eve"));
        assertEquals(10, fx.points("Dan"), "replies 6 + likes 3, then the topic's 5 cut to the daily cap of 10");

        CLOCK.advance(Duration.ofDays(1)); // Wednesday 09:00 UTC
        for (int i = 0; i < 4; i++) {
            fx.reply(dan, question, "Another tomato tip, number " + i + " of the day.");
        }
        fx.settle();
        assertEquals(16, fx.points("Dan"), "a new day: the reply cap allows 6 more");
        // Past midnight on Kiritimati (UTC+14), still Wednesday in UTC: in that zone it is a new day.
        CLOCK.advance(Duration.ofMinutes(90));
        fx.settings(admin, new JsonObject().put("time-zone", "Pacific/Kiritimati"));
        fx.reply(dan, question, "One more tomato tip, on a new day over there.");
        fx.settle();
        assertEquals(18, fx.points("Dan"));
        fx.settings(admin, new JsonObject().put("time-zone", "UTC").put("cap-reply", 40).put("daily-cap", 150));
    }

    @Test
    @Order(3)
    void pointsAreTakenBackWhenPostsAreHiddenOrDeletedAndFlagsOnlyPayWhenAccepted() throws Exception {
        CLOCK.advance(Duration.ofDays(1));
        Browser fay = Gaming.member(site, "Fay");
        Browser gus = Gaming.member(site, "Gus");
        Browser hal = Gaming.member(site, "Hal");
        Members.member(site, "Watcher", "moderator");
        Members.member(site, "Reviewer", "moderator");
        Browser watcher = Gaming.remembered(site, "Watcher");
        Browser reviewer = Gaming.remembered(site, "Reviewer");
        long swap = fx.topic(fay, "General", "Seed swap ideas");
        long welcome = fx.reply(gus, swap, "Welcome! Bring labelled envelopes.");
        fx.liked(hal, welcome, true);
        fx.settle();
        assertEquals(8, fx.points("Gus"), "reply 2, welcome 5, like received 1");

        fx.act(reviewer, fx.flag(watcher, welcome), "hide");
        fx.act(reviewer, fx.flag(watcher, fx.opening(swap)), "approve");
        long mistake = fx.topic(fay, "General", "Never mind this one");
        assertEquals(200, fay.json("DELETE", "/api/v1/posts/" + fx.opening(mistake), null).statusCode());
        fx.settle();

        assertEquals(0, fx.points("Gus"), "the hidden reply's points, welcome and like are taken back");
        assertEquals(-8, fx.number("SELECT SUM(points) FROM gamification_ledger WHERE member_id = ? AND points < 0",
                fx.member("Gus")), "taken back by rows of negative points: the ledger only grows");
        assertEquals(1, fx.points("Hal"), "liking a post that was later hidden was no fault of the liker");
        assertEquals(3, fx.points("Watcher"), "one accepted flag; the rejected one earns nothing");
        assertEquals(5, fx.points("Fay"), "the flag was rejected and her topic shown again: its points came back; the"
                + " deleted topic's are gone");
    }

    @Test
    @Order(4)
    void badgesFromRulesByHandAndFeaturedOnTheCard() throws Exception {
        JsonObject rule = new JsonObject().put("key", "chatty").put("name", "Chatty").put("tier", "silver")
                .put("description", "Two replies in General within a week").put("measure", "reply")
                .put("threshold", 2).put("category", fx.category("General")).put("windowDays", 7);
        assertEquals(403, ann.json("POST", Gaming.API + "/badges", rule.encode()).statusCode());
        HttpResponse<String> bad = admin.json("POST", Gaming.API + "/badges", rule.copy().put("threshold", 0).encode());
        assertEquals(400, bad.statusCode());
        assertEquals("threshold", new JsonObject(bad.body()).getString("field"));
        bad = admin.json("POST", Gaming.API + "/badges", rule.copy().put("key", "Not A Key").encode());
        assertEquals("key", new JsonObject(bad.body()).getString("field"));
        assertEquals(201, admin.json("POST", Gaming.API + "/badges", rule.encode()).statusCode());
        assertEquals(409, admin.json("POST", Gaming.API + "/badges", rule.encode()).statusCode());
        HttpResponse<String> page = admin.submit("/admin/x/gamification/", "/admin/x/gamification/badges",
                Map.of("key", "x", "name", "", "tier", "gold", "measure", "reply", "threshold", "1"));
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("id=\"key-error\""), "the error is next to the field");

        Browser ivy = Gaming.member(site, "Ivy");
        long swap = fx.number("SELECT id FROM topics WHERE title = 'Seed swap ideas'");
        fx.reply(ivy, swap, "I can bring beans and squash seeds.");
        fx.reply(ivy, question, "Tomatoes in Help & Support do not count for Chatty.");
        fx.settle();
        assertFalse(fx.badges("Ivy").contains("chatty"));
        fx.reply(ivy, swap, "And some sunflower seeds, too.");
        fx.settle();
        assertTrue(fx.badges("Ivy").contains("chatty"));
        assertTrue(ivy.get("/notifications").body().contains("You earned the silver badge Chatty"));

        JsonObject grant = new JsonObject().put("member", "Ann").put("reason", "Founding gardener");
        assertEquals(403, bob.json("POST", Gaming.API + "/badges/streak-100/grant", grant.encode()).statusCode());
        assertEquals(200, admin.json("POST", Gaming.API + "/badges/streak-100/grant", grant.encode()).statusCode());
        assertEquals(409, admin.json("POST", Gaming.API + "/badges/streak-100/grant", grant.encode()).statusCode());
        bad = admin.json("POST", Gaming.API + "/badges/first-post/revoke", "{\"member\": \"Cid\"}");
        assertEquals("reason", new JsonObject(bad.body()).getString("field"));
        assertEquals(200, admin.json("POST", Gaming.API + "/badges/first-post/revoke",
                "{\"member\": \"Cid\", \"reason\": \"Spam posts\"}").statusCode());
        fx.topic(cid, "General", "A topic after the badge was taken");
        fx.settle();
        assertFalse(fx.badges("Cid").contains("first-post"), "activity does not undo an admin's revocation");
        assertTrue(ann.get("/notifications").body().contains("You earned the gold badge Devoted"));

        HttpResponse<String> featured = ann.json("POST", Gaming.API + "/featured",
                new JsonObject().put("badges", new JsonArray(List.of("streak-100", "first-post"))).encode());
        assertEquals(200, featured.statusCode(), featured.body());
        assertEquals(400, ann.json("POST", Gaming.API + "/featured",
                new JsonObject().put("badges", new JsonArray(List.of("welcomer"))).encode()).statusCode(),
                "only badges one holds");
        String profile = bob.get("/u/Ann").body();
        assertTrue(profile.contains("gamification-badge gold\" href=\"/x/gamification/badges/streak-100\">Devoted"),
                profile);
        assertTrue(profile.indexOf(">Devoted<") < profile.indexOf(">First post<"), "in the member's order");
        String me = ann.get("/x/gamification/me").body();
        assertTrue(me.contains("value=\"streak-100\" checked"), "the page shows what is featured");
        HttpResponse<String> tooMany = ann.submit("/x/gamification/me", "/x/gamification/me/featured",
                Map.of("badges", "welcomer"));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("You can only feature badges you hold."));
        String adminPage = admin.get("/admin/x/gamification/").body();
        assertTrue(adminPage.contains("Chatty") && adminPage.contains("Replay now"), "the admin page");
        assertEquals(403, ann.get("/admin/x/gamification/").statusCode());
        String holders = site.get("/x/gamification/badges/welcomer").body();
        assertTrue(holders.contains("href=\"/u/Bob\""), holders);
        assertTrue(site.get("/x/gamification/badges").body().contains("Chatty"));
    }

    @Test
    @Order(5)
    void visitsEventsAndLevels() throws Exception {
        fx.settings(admin, new JsonObject().put("points-visit", 1));
        CLOCK.advance(Duration.ofDays(1));
        Browser jody = Gaming.member(site, "Jody");
        jody.get("/");
        CLOCK.advance(Duration.ofDays(1));
        jody.get("/");
        jody.get("/latest");
        long jodyId = fx.member("Jody");
        eventually("two days visited", () -> fx.number("SELECT COUNT(*) FROM journal WHERE event_type ="
                + " 'MemberVisited' AND payload LIKE ?", "%\"memberId\":" + jodyId + ",%") == 2);
        fx.settle();
        JsonObject standing = fx.standing("Jody");
        assertEquals(2, standing.getLong("points"), "one point per day visited, however many pages");
        assertEquals(2, standing.getInteger("streak"));

        Instant start = CLOCK.instant().plus(Duration.ofMinutes(30));
        HttpResponse<String> created = admin.json("POST", "/api/v1/events", new JsonObject()
                .put("title", "Tomato tasting").put("description", "Bring your best.")
                .put("category", Sql.value(site.database(), "SELECT slug FROM categories WHERE name = ?",
                        "Events & Meetups"))
                .put("startsAt", start.toString()).put("endsAt", start.plusSeconds(7200).toString())
                .put("timeZone", "Europe/Berlin").put("venue", "Allotment 4").encode());
        assertEquals(201, created.statusCode(), created.body());
        long event = new JsonObject(created.body()).getLong("id");
        assertEquals(200, jody.json("PUT", "/api/v1/events/" + event + "/rsvp", "{\"status\": \"going\"}")
                .statusCode());
        String code = new JsonObject(admin.json("GET", "/api/v1/events/" + event, null).body())
                .getString("checkInCode");
        assertEquals(200, jody.json("POST", "/api/v1/events/" + event + "/check-in",
                new JsonObject().put("code", code).encode()).statusCode());
        fx.settle();
        assertEquals(12, fx.points("Jody"), "attended: 10");
        assertTrue(fx.badges("Jody").contains("attended-1"));
        assertEquals(fx.category("Events & Meetups"), fx.number("SELECT category_id FROM gamification_ledger"
                + " WHERE action = 'event-attended' AND member_id = ?", jodyId));

        fx.settings(admin, new JsonObject().put("points-visit", 0));
        assertEquals(0, fx.standing("Bob").getInteger("level"));
        fx.reply(bob, question, "Two more points and I am a Member.");
        fx.settle();
        standing = fx.standing("Bob");
        assertEquals(25, standing.getLong("points"));
        assertEquals(1, standing.getInteger("level"));
        assertEquals("Member", standing.getString("levelName"));
        assertEquals("Regular", standing.getString("nextName"));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'LevelReached' AND payload LIKE ?",
                "%\"memberId\":" + fx.member("Bob") + ",%"));
        assertTrue(bob.get("/notifications").body().contains("You reached level 1: Member"));
        String profile = ann.get("/u/Bob").body();
        assertTrue(profile.contains("<strong>Member</strong> · 25 points"), profile);
        assertTrue(profile.contains("75 points to Regular <progress max=\"100\" value=\"0\">"), profile);
    }

    @Test
    @Order(6)
    void leaderboardsAgreeWithHandComputedTotals() throws Exception {
        CLOCK.advance(Duration.ofDays(2));
        LocalDate first = today();
        Browser kim = Gaming.member(site, "Kim");
        Browser lou = Gaming.member(site, "Lou");
        Browser ned = Gaming.member(site, "Ned");
        long bins = fx.topic(kim, "General", "Compost bins");
        long hello = fx.reply(lou, bins, "Welcome! Pallets make a fine bin.");
        fx.liked(kim, hello, true);
        fx.reply(admin, bins, "Staff points stay off the boards.");
        CLOCK.advance(Duration.ofDays(1));
        LocalDate second = today();
        fx.reply(ned, question, "Ned's tomato advice: stake them early.");
        fx.reply(lou, question, "Lou's tomato advice: water at the roots.");
        assertEquals(201, admin.json("POST", Gaming.API + "/seasons", "{\"name\": \"Autumn\"}").statusCode());
        fx.settle();

        String day1 = "period=range&from=" + first + "&to=" + first;
        String both = "period=range&from=" + first + "&to=" + second;
        assertEquals(List.of("Lou 8 1", "Kim 6 2"), fx.board(day1), "Lou: reply 2, welcome 5, like 1; Kim: topic 5,"
                + " like given 1; the admin left out");
        assertEquals(List.of("Lou 10 1", "Kim 6 2", "Ned 2 3"), fx.board(both));
        assertEquals(List.of("Lou 8 1", "Kim 6 2"), fx.board(both + "&category=" + fx.category("General")));
        assertEquals(List.of("Lou 2 1", "Ned 2 1"), fx.board(both + "&category=" + fx.category("Help & Support")),
                "equal points, equal rank");
        assertEquals(List.of("Lou 2 1", "Ned 2 1"), fx.board("period=season"), "the season started today");
        LocalDate monday = second.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        assertEquals(fx.board("period=range&from=" + monday + "&to=" + second), fx.board("period=week"));
        for (String place : fx.board("period=all")) {
            String[] parts = place.split(" ");
            assertEquals(fx.points(parts[0]), Long.parseLong(parts[1]), "all time agrees with the totals: " + place);
        }
        fx.settings(admin, new JsonObject().put("exclude-staff", false));
        assertEquals(List.of("Lou 8 1", "Kim 6 2", "Gamemaster 2 3"), fx.board(day1));
        fx.settings(admin, new JsonObject().put("exclude-staff", true));
        assertTrue(site.get("/x/gamification/leaderboard?" + day1).body().contains("data-member=\"Lou\""));

        HttpResponse<String> bad = site.get(Gaming.API + "/leaderboard?period=fortnight");
        assertEquals(400, bad.statusCode());
        assertEquals("period", new JsonObject(bad.body()).getString("field"));
        bad = site.get(Gaming.API + "/leaderboard?period=range&from=" + second + "&to=" + first);
        assertEquals("to", new JsonObject(bad.body()).getString("field"));
        assertEquals(400, site.get("/x/gamification/leaderboard?period=range&from=soon").statusCode());
    }
}
