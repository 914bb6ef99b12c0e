package hearth.server.events;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events over HTTP: pages and API per path and permission, RSVPs and the waitlist, attendance, changes. */
class EventsTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community community;
    static Browser host;
    static Browser member;
    static Browser other;
    static Browser moderator;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        community = new Community(site);
        host = community.member("Hostess", "moderator");
        moderator = community.member("Modesto", "moderator");
        member = community.member("Marta", "member");
        other = community.member("Otto", "member");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static String inBerlin(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneId.of("Europe/Berlin")).format(LOCAL);
    }

    @Test
    void aHostCreatesAnEventThroughTheFormAndEveryViewShowsIt() {
        Instant start = Instant.now().plus(Duration.ofDays(9)).truncatedTo(ChronoUnit.HOURS);
        String category = community.text("SELECT id FROM categories WHERE name = 'Events & Meetups'");
        Map<String, String> form = new HashMap<>(Map.of("title", "Tomato tasting", "description", "Bring **your** best",
                "category", category, "startsAt", inBerlin(start), "endsAt", inBerlin(start.plusSeconds(5400)),
                "timeZone", "Europe/Berlin", "venue", "Mill Lane 4", "capacity", "10", "guestLimit", "1",
                "visibility", "public"));
        HttpResponse<String> created = host.submit("/events/new", "/events/new", form);
        assertEquals(303, created.statusCode(), created.body());
        String page = created.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(page.substring("/events/".length()));
        assertEquals(start.toString(), Instant.parse(new JsonObject(member.json("GET", "/api/v1/events/" + id, null)
                .body()).getString("startsAt")).toString(), "stored in UTC from Berlin local time");

        String shown = member.get(page).body();
        assertTrue(shown.contains("Tomato tasting") && shown.contains("<strong>your</strong>") && shown.contains(
                "Mill Lane 4") && shown.contains("0 of 10 taken"), shown);
        assertFalse(shown.contains("check-in-code"), "members do not see the code");
        assertTrue(host.get(page).body().contains("check-in-code"));
        // The discussion topic exists, links back, and the event page links it.
        long topic = community.number("SELECT topic_id FROM events WHERE id = ?", id);
        String topicPage = member.get("/t/" + community.text("SELECT slug FROM topics WHERE id = ?", topic) + "/"
                + topic).body();
        assertTrue(topicPage.contains("href=\"/events/" + id + "\""), topicPage);
        assertTrue(shown.contains("/" + topic + "\">Talk about this event"));
        // Into calendar apps: the iCalendar file and the Google Calendar form.
        assertTrue(shown.contains("href=\"/events/" + id + ".ics\"") && shown.contains("href=\"/events/" + id
                + "/google-calendar\""), shown);
        assertEquals(200, member.get("/events/" + id + ".ics").statusCode());

        String slug = community.text("SELECT slug FROM categories WHERE id = ?", Long.parseLong(category));
        for (String list : new String[] {"/events", "/events?category=" + slug, "/c/" + slug + "/events",
                "/events/month/" + start.toString().substring(0, 7), "/u/Hostess/events"}) {
            HttpResponse<String> response = new Browser(site).get(list);
            assertEquals(200, response.statusCode(), list);
            assertTrue(response.body().contains("Tomato tasting"), list);
        }
        assertEquals(303, member.get("/events?month=" + start.toString().substring(0, 7)).statusCode());
        assertFalse(member.get("/events/past").body().contains("Tomato tasting"));
        assertEquals(404, member.get("/events/month/2026-13").statusCode());
        assertEquals(404, member.get("/events/999999").statusCode());
        assertEquals(404, member.get("/events/abc").statusCode());
    }

    @Test
    void onlyHostsCreateAndOnlyTheHostAndManagersChange() {
        assertEquals(403, member.get("/events/new").statusCode());
        assertEquals(403, member.json("POST", "/api/v1/events",
                community.event("Mine", Instant.now().plus(Duration.ofDays(3))).encode()).statusCode());
        HttpResponse<String> anonymous = new Browser(site).get("/events/new");
        assertTrue(anonymous.statusCode() == 303 || anonymous.statusCode() == 401, "" + anonymous.statusCode());
        long id = Community.create(host, community.event("Seed swap", Instant.now().plus(Duration.ofDays(4))));
        assertEquals(403, member.json("PATCH", "/api/v1/events/" + id, "{\"title\": \"Taken over\"}").statusCode());
        assertEquals(403, member.get("/events/" + id + "/edit").statusCode());
        assertEquals(403, member.json("DELETE", "/api/v1/events/" + id, null).statusCode());
        HttpResponse<String> renamed = moderator.json("PATCH", "/api/v1/events/" + id, "{\"title\": \"Seed swap!\"}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals("Seed swap!", new JsonObject(renamed.body()).getString("title"));
        HttpResponse<String> edited = host.submit("/events/" + id + "/edit", "/events/" + id + "/edit",
                Map.of("title", "Seed swap (spring)", "category", community.text(
                                "SELECT category_id FROM events WHERE id = ?", id),
                        "startsAt", inBerlin(Instant.now().plus(Duration.ofDays(4))),
                        "endsAt", inBerlin(Instant.now().plus(Duration.ofDays(4)).plusSeconds(3600)),
                        "timeZone", "Europe/Berlin", "visibility", "public", "guestLimit", "0"));
        assertEquals(303, edited.statusCode(), edited.body());
        assertEquals("Seed swap (spring)", community.text("SELECT title FROM events WHERE id = ?", id));
    }

    @Test
    void badInputIsRefusedNextToTheFieldAndSavesNothing() {
        long before = community.number("SELECT COUNT(*) FROM events");
        HttpResponse<String> form = host.submit("/events/new", "/events/new", Map.of("title", "x",
                "startsAt", "tomorrow", "endsAt", "", "timeZone", "Mars/Olympus", "capacity", "-3"));
        assertEquals(400, form.statusCode());
        assertTrue(form.body().contains("Give the event a title") && form.body().contains("Not a time zone")
                && form.body().contains("Choose a category"), form.body());
        JsonObject fields = community.event("Backwards", Instant.now().plus(Duration.ofDays(2)));
        fields.put("endsAt", Instant.now().plus(Duration.ofDays(1)).toString());
        HttpResponse<String> api = host.json("POST", "/api/v1/events", fields.encode());
        assertEquals(400, api.statusCode());
        assertEquals("endsAt", new JsonObject(api.body()).getString("field"), api.body());
        HttpResponse<String> rule = host.json("POST", "/api/v1/events", community.event("Forever",
                Instant.now().plus(Duration.ofDays(2))).put("rrule", "FREQ=YEARLY").encode());
        assertEquals(400, rule.statusCode(), rule.body());
        assertEquals(before, community.number("SELECT COUNT(*) FROM events"));
    }

    @Test
    void inviteOnlyAndMembersOnlyEventsStayHidden() {
        long invite = Community.create(host, community.event("Secret supper", Instant.now().plus(Duration.ofDays(6)))
                .put("visibility", "invite").put("invitees", "Marta"));
        long members = Community.create(host, community.event("Members' walk", Instant.now().plus(Duration.ofDays(6)))
                .put("visibility", "members"));
        assertTrue(member.get("/notifications").body().contains("invited you to Secret supper"));
        assertEquals(200, member.get("/events/" + invite).statusCode());
        assertEquals(404, other.get("/events/" + invite).statusCode());
        assertEquals(404, other.json("PUT", "/api/v1/events/" + invite + "/rsvp", "{\"status\": \"going\"}")
                .statusCode());
        assertFalse(other.get("/events").body().contains("Secret supper"));
        assertTrue(member.get("/events").body().contains("Secret supper"));
        Browser visitor = new Browser(site);
        assertEquals(404, visitor.get("/events/" + members).statusCode());
        assertFalse(visitor.get("/events").body().contains("Members&#39; walk"));
        assertEquals(200, other.get("/events/" + members).statusCode());

        assertEquals(200, host.json("PATCH", "/api/v1/events/" + invite, "{\"invitees\": [\"Marta\", \"Otto\"]}")
                .statusCode());
        assertTrue(other.get("/notifications").body().contains("invited you to Secret supper"));
        assertEquals(200, other.get("/events/" + invite).statusCode());
    }

    @Test
    void anInviteOnlyEventTalksInAConversationOfItsGuests() {
        long invite = Community.create(host, community.event("Quiet dinner", Instant.now().plus(Duration.ofDays(6)))
                .put("visibility", "invite").put("invitees", "Marta"));
        long topic = community.number("SELECT topic_id FROM events WHERE id = ?", invite);
        String path = "/t/" + community.text("SELECT slug FROM topics WHERE id = ?", topic) + "/" + topic;
        assertEquals(200, member.get(path).statusCode(), "the invitee takes part");
        assertEquals(200, host.get(path).statusCode());
        assertEquals(404, other.get(path).statusCode(), "the topic is as hidden as its event");
        assertEquals(404, new Browser(site).get(path).statusCode());
        assertFalse(new Browser(site).get("/latest").body().contains("Quiet dinner"));

        // Inviting Otto lets him in; opening the event up brings the talk back into its category.
        assertEquals(200, host.json("PATCH", "/api/v1/events/" + invite, "{\"invitees\": [\"Marta\", \"Otto\"]}")
                .statusCode());
        assertEquals(200, other.get(path).statusCode());
        assertEquals(200, host.json("PATCH", "/api/v1/events/" + invite, "{\"visibility\": \"public\"}")
                .statusCode());
        assertEquals(200, new Browser(site).get(path).statusCode());
        assertEquals(community.number("SELECT category_id FROM events WHERE id = ?", invite),
                community.number("SELECT category_id FROM topics WHERE id = ?", topic));
    }

    @Test
    void goingToAFullEventJoinsTheWaitlistAndALeavingSeatPromotesTheFirstInLine() {
        long id = Community.create(host, community.event("Pruning class", Instant.now().plus(Duration.ofDays(5)))
                .put("capacity", 2).put("guestLimit", 1));
        Browser third = community.member("Thea", "member");
        HttpResponse<String> tooMany = member.json("PUT", "/api/v1/events/" + id + "/rsvp",
                "{\"status\": \"going\", \"guests\": 2}");
        assertEquals(400, tooMany.statusCode());
        assertEquals("guests", new JsonObject(tooMany.body()).getString("field"));

        JsonObject going = new JsonObject(member.json("PUT", "/api/v1/events/" + id + "/rsvp",
                "{\"status\": \"going\", \"guests\": 1}").body());
        assertEquals("going", going.getString("status"));
        assertTrue(other.get("/events/" + id).body().contains("Join the waitlist"));
        HttpResponse<String> waiting = other.submit("/events/" + id, "/events/" + id + "/rsvp",
                Map.of("status", "going"));
        assertEquals(303, waiting.statusCode(), waiting.body());
        assertTrue(other.get("/events/" + id).body().contains("number 1 in line"));
        JsonObject second = new JsonObject(third.json("PUT", "/api/v1/events/" + id + "/rsvp",
                "{\"status\": \"going\"}").body());
        assertEquals("waitlisted", second.getString("status"));
        assertEquals(2, second.getInteger("waitlistPosition"));

        // Marta drops her guest: one seat frees, Otto (first in line) is promoted and told.
        member.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\", \"guests\": 0}");
        assertEquals("going", community.text("SELECT status FROM event_rsvps WHERE event_id = ? AND member_id = ?",
                id, community.id("Otto")));
        assertEquals(2, community.number("SELECT seats_taken FROM events WHERE id = ?", id));
        assertTrue(other.get("/notifications").body().contains("A seat freed up: you are going to Pruning class"));
        assertEquals(1, new JsonObject(third.json("GET", "/api/v1/events/" + id, null).body())
                .getJsonObject("myRsvp").getInteger("waitlistPosition"));
        // The host adds a seat: Thea is promoted too.
        host.json("PATCH", "/api/v1/events/" + id, "{\"capacity\": 3}");
        assertEquals("going", new JsonObject(third.json("GET", "/api/v1/events/" + id, null).body())
                .getJsonObject("myRsvp").getString("status"));
        assertTrue(community.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%WaitlistPromoted%'") >= 2,
                "promotions are journaled");
    }

    @Test
    void theRsvpDeadlineAndCancellationCloseAnswersAndCancellingOrMovingTellsEveryone() {
        long id = Community.create(host, community.event("Compost clinic", Instant.now().plus(Duration.ofDays(3))));
        assertEquals(200, member.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"interested\"}")
                .statusCode());
        HttpResponse<String> moved = host.json("PATCH", "/api/v1/events/" + id, new JsonObject()
                .put("startsAt", Instant.now().plus(Duration.ofDays(4)).toString())
                .put("endsAt", Instant.now().plus(Duration.ofDays(4)).plusSeconds(3600).toString()).encode());
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals(1, new JsonObject(moved.body()).getInteger("sequence"));
        assertTrue(member.get("/notifications").body().contains("changed the time or place of Compost clinic"));

        community.execute("UPDATE events SET rsvp_deadline = ? WHERE id = ?", Instant.now().minusSeconds(60), id);
        assertEquals(409, other.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\"}")
                .statusCode());
        community.execute("UPDATE events SET rsvp_deadline = NULL WHERE id = ?", id);

        HttpResponse<String> cancelled = host.submit("/events/" + id, "/events/" + id + "/cancel", Map.of());
        assertEquals(303, cancelled.statusCode(), cancelled.body());
        assertTrue(member.get("/events/" + id).body().contains("This event was cancelled."));
        assertTrue(member.get("/notifications").body().contains("cancelled Compost clinic"));
        assertEquals(409, other.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\"}")
                .statusCode());
    }

    @Test
    void hostsCheckPeopleInMembersUseTheCodeAndTheListExportsAsCsv() throws Exception {
        long id = Community.create(host, community.event("Harvest supper", Instant.now().plus(Duration.ofMinutes(30))));
        member.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\", \"hidden\": true}");
        other.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\"}");
        // Hidden from members, never from hosts.
        assertFalse(other.get("/events/" + id).body().contains("data-member=\"Marta\""));
        assertTrue(host.get("/events/" + id).body().contains("data-member=\"Marta\""));

        String code = new JsonObject(host.json("GET", "/api/v1/events/" + id, null).body()).getString("checkInCode");
        HttpResponse<String> wrong = other.json("POST", "/api/v1/events/" + id + "/check-in", "{\"code\": \"NOPE\"}");
        assertEquals(400, wrong.statusCode());
        assertEquals("code", new JsonObject(wrong.body()).getString("field"));
        assertEquals(200, other.json("POST", "/api/v1/events/" + id + "/check-in",
                new JsonObject().put("code", code.toLowerCase()).encode()).statusCode());
        assertEquals(403, other.json("POST", "/api/v1/events/" + id + "/check-in", "{\"username\": \"Marta\"}")
                .statusCode());
        HttpResponse<String> byHost = host.submit("/events/" + id, "/events/" + id + "/check-in",
                Map.of("username", "Marta"));
        assertEquals(303, byHost.statusCode(), byHost.body());
        assertEquals(2, community.number("SELECT COUNT(*) FROM event_rsvps WHERE event_id = ? AND checked_in_at "
                + "IS NOT NULL", id));

        HttpResponse<String> csv = host.get("/events/" + id + "/attendees.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.body().startsWith("username,display_name,status") && csv.body().contains("Marta,")
                && csv.body().contains("Otto,"), csv.body());
        assertEquals(403, other.get("/events/" + id + "/attendees.csv").statusCode());
        assertTrue(community.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%AttendeeCheckedIn%'") >= 2);
    }

    @Test
    void aWeeklySeriesIsOneRowPerDateEditedAloneOrAsASeries() {
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        String category = community.text("SELECT id FROM categories WHERE name = 'Events & Meetups'");
        HttpResponse<String> created = host.submit("/events/new", "/events/new", Map.of("title", "Weekly weeding",
                "category", category, "startsAt", inBerlin(start), "endsAt", inBerlin(start.plusSeconds(3600)),
                "timeZone", "Europe/Berlin", "visibility", "public", "guestLimit", "0", "repeat", "weekly",
                "repeatCount", "4"));
        assertEquals(303, created.statusCode(), created.body());
        long first = Long.parseLong(created.headers().firstValue("Location").orElseThrow().substring(8));
        long series = community.number("SELECT series_id FROM events WHERE id = ?", first);
        assertEquals(4, community.number("SELECT COUNT(*) FROM events WHERE series_id = ?", series));
        assertEquals(1, community.number("SELECT COUNT(DISTINCT topic_id) FROM events WHERE series_id = ?", series));
        assertEquals("FREQ=WEEKLY;COUNT=4", community.text("SELECT rrule FROM event_series WHERE id = ?", series));
        assertTrue(member.get("/events/" + first).body().contains("Repeats every week, 4 times"));

        long second = community.number("SELECT id FROM events WHERE series_id = ? ORDER BY starts_at LIMIT 1 OFFSET 1",
                series);
        assertEquals(200, host.json("PATCH", "/api/v1/events/" + second, "{\"title\": \"Weeding (in the rain)\"}")
                .statusCode());
        assertEquals(1, community.number("SELECT COUNT(*) FROM events WHERE id = ? AND detached = TRUE", second));
        assertEquals(200, host.json("PATCH", "/api/v1/events/" + first,
                "{\"title\": \"Weekly weeding club\", \"scope\": \"series\"}").statusCode());
        assertEquals(3, community.number("SELECT COUNT(*) FROM events WHERE series_id = ? AND title = ?", series,
                "Weekly weeding club"));
        assertEquals("Weeding (in the rain)", community.text("SELECT title FROM events WHERE id = ?", second));
    }

    @Test
    void aDeletedMembersSeatGoesToTheWaitlistAndAnEventOutlivesItsHostsAccount() throws Exception {
        Browser admin = community.member("Adminna", "admin");
        assertEquals(303, admin.submit("/admin/settings", "/admin/settings",
                Map.of("accounts.deleted-member-posts", "remove")).statusCode());
        Browser leaving = community.member("Leaver", "moderator");
        long id = Community.create(leaving, community.event("Farewell picnic", Instant.now().plus(Duration.ofDays(3)))
                .put("capacity", 1));
        long topic = community.number("SELECT topic_id FROM events WHERE id = ?", id);
        Browser sitter = community.member("Sitter", "member");
        Browser waiter = community.member("Waiter", "member");
        sitter.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\"}");
        assertEquals("waitlisted", new JsonObject(waiter.json("PUT", "/api/v1/events/" + id + "/rsvp",
                "{\"status\": \"going\"}").body()).getString("status"));

        HttpResponse<String> gone = sitter.json("DELETE", "/api/v1/me", new JsonObject().put("username", "Sitter")
                .put("password", Community.PASSWORD).encode());
        assertTrue(gone.statusCode() < 300, gone.body());
        eventually("the waiting member to get the seat", () -> "going".equals(new JsonObject(waiter.json("GET",
                "/api/v1/events/" + id, null).body()).getJsonObject("myRsvp").getString("status")));
        assertEquals(1, community.number("SELECT seats_taken FROM events WHERE id = ?", id));

        HttpResponse<String> hostGone = leaving.json("DELETE", "/api/v1/me", new JsonObject()
                .put("username", "Leaver").put("password", Community.PASSWORD).encode());
        assertTrue(hostGone.statusCode() < 300, hostGone.body());
        assertEquals(200, waiter.get("/events/" + id).statusCode());
        assertEquals(1, community.number("SELECT COUNT(*) FROM topics WHERE id = ?", topic));
    }

    @Test
    void theApiListsByCategoryMonthAndPastAndShowsHostsEveryoneWithStatsOnceOver() {
        Instant start = Instant.now().plus(Duration.ofDays(8));
        long id = Community.create(host, community.event("API picnic", start).put("capacity", 5));
        member.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\", \"hidden\": true}");
        other.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"interested\"}");
        String slug = community.text("SELECT slug FROM categories WHERE name = 'Events & Meetups'");
        assertTrue(listed(other, "/api/v1/events?category=" + slug, id));
        assertTrue(listed(other, "/api/v1/events?month=" + start.toString().substring(0, 7), id));
        assertFalse(listed(other, "/api/v1/events?past=true", id));
        assertEquals(400, other.json("GET", "/api/v1/events?month=someday", null).statusCode());
        assertEquals(404, other.json("GET", "/api/v1/events?category=no-such-category", null).statusCode());

        assertEquals(0, new JsonObject(other.json("GET", "/api/v1/events/" + id + "/attendees", null).body())
                .getJsonArray("attendees").size(), "hidden and interested members are not shown to members");
        JsonObject full = new JsonObject(host.json("GET", "/api/v1/events/" + id + "/attendees", null).body());
        assertEquals(2, full.getJsonArray("attendees").size());
        assertFalse(full.containsKey("stats"), "no stats before the end");
        assertEquals(403, member.submit("/events/" + id, "/events/" + id + "/cancel", Map.of()).statusCode());

        community.execute("UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?",
                Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(2)).plusSeconds(3600), id);
        community.execute("UPDATE event_rsvps SET no_show = TRUE WHERE event_id = ? AND status = 'going'", id);
        assertTrue(listed(other, "/api/v1/events?past=true", id));
        JsonObject stats = new JsonObject(host.json("GET", "/api/v1/events/" + id + "/attendees", null).body())
                .getJsonObject("stats");
        assertEquals(1, stats.getInteger("going"));
        assertEquals(1, stats.getInteger("noShows"));
        assertEquals(0, stats.getInteger("attendanceRate"));
        assertTrue(host.get("/events/" + id).body().contains("Attendance rate: 0%"));
        assertTrue(member.get("/events/past").body().contains("API picnic"));
    }

    private static boolean listed(Browser browser, String path, long id) {
        HttpResponse<String> response = browser.json("GET", path, null);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body()).getJsonArray("events").stream()
                .anyMatch(e -> ((JsonObject) e).getLong("id") == id);
    }

    @Test
    void movingAnEventToAnotherCategoryTakesItsTopicAlongAndDeletingACategoryMovesItsEvents() {
        Browser admin = community.member("Catadmin", "admin");
        HttpResponse<String> made = admin.json("POST", "/api/v1/admin/categories",
                "{\"name\": \"Workshops\", \"color\": \"#aa0000\"}");
        assertEquals(201, made.statusCode(), made.body());
        long workshops = new JsonObject(made.body()).getLong("id");
        long meetups = community.number("SELECT id FROM categories WHERE name = 'Events & Meetups'");
        long id = Community.create(host, community.event("Grafting 101", Instant.now().plus(Duration.ofDays(7))));
        long topic = community.number("SELECT topic_id FROM events WHERE id = ?", id);
        assertEquals(200, host.json("PATCH", "/api/v1/events/" + id, "{\"category\": \"" + workshops + "\"}")
                .statusCode());
        assertEquals(workshops, community.number("SELECT category_id FROM topics WHERE id = ?", topic));

        assertEquals(204, admin.json("DELETE", "/api/v1/admin/categories/" + workshops + "?moveTo=" + meetups, null)
                .statusCode());
        assertEquals(meetups, community.number("SELECT category_id FROM events WHERE id = ?", id));
        assertEquals(200, member.get("/events/" + id).statusCode());
    }

    @Test
    void anAllDayEventCoversWholeDaysInItsZoneAndItsEditFormShowsThem() {
        long id = Community.create(host, community.event("Plant sale weekend", Instant.now())
                .put("allDay", true).put("startsAt", "2027-05-01").put("endsAt", "2027-05-02"));
        JsonObject event = new JsonObject(member.json("GET", "/api/v1/events/" + id, null).body());
        assertEquals("2027-04-30T22:00:00Z", event.getString("startsAt"));
        assertEquals("2027-05-02T22:00:00Z", event.getString("endsAt"));
        assertTrue(event.getBoolean("allDay"));
        String form = host.get("/events/" + id + "/edit").body();
        assertTrue(form.contains("value=\"2027-05-01T00:00\"") && form.contains("value=\"2027-05-02T00:00\""), form);
        assertTrue(member.get("/events/" + id).body().contains("Sat 1 May 2027 – Sun 2 May 2027</time> (all day)"));
    }

    @Test
    void theDemoCommunityHasUpcomingAndPastEvents() throws Exception {
        Browser visitor = new Browser(site);
        assertTrue(visitor.get("/events").body().contains("Spring seed swap"));
        assertTrue(visitor.get("/events/past").body().contains("Garden visit at the Okafor allotment"));
        eventually("the events list as JSON", () -> new JsonObject(visitor.get("/api/v1/events").body())
                .getJsonArray("events").size() >= 2);
    }
}
