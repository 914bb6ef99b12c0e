package hearth.server.calendars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.calendars.CalendarFixtures.Spec;
import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events as iCalendar: one event's download, the public, category and personal feeds, and the Google link. */
class CalendarFeedsTest {

    private static final String BERLIN = "Europe/Berlin";
    private static final int YEAR = LocalDate.now().getYear() + 1;

    @TempDir
    static Path dataDir;
    static TestSite site;
    static CalendarFixtures fixtures;
    static Browser admin;
    static Browser rosa;
    static Browser otto;
    static long founder;
    static long rosaId;
    static long ottoId;
    static long meetups;
    static long staff;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        fixtures = new CalendarFixtures(site.database());
        admin = Members.signUp(site, "Founder");
        rosa = Members.signUp(site, "Rosa");
        otto = Members.signUp(site, "Otto");
        founder = fixtures.member("Founder");
        rosaId = fixtures.member("Rosa");
        ottoId = fixtures.member("Otto");
        meetups = fixtures.category(admin, "Meetups", "everyone");
        staff = fixtures.category(admin, "Staff", "moderators");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void oneEventDownloadsAsAValidCalendarWithItsZoneAndLocalTimesOnBothSidesOfDst() throws Exception {
        String about = "Bring gloves; seeds, and a flask\nÜberraschung: " + "lange Beschreibung 🌱 ".repeat(12);
        long winter = fixtures.event(Spec.at("Winter pruning", meetups, founder, LocalDateTime.of(YEAR, 12, 10, 19, 0),
                BERLIN).place("Allotment 7, Gate B", null, about));
        long summer = fixtures.event(Spec.at("Summer harvest", meetups, founder, LocalDateTime.of(YEAR, 7, 8, 19, 0),
                BERLIN).place(null, "https://meet.example.org/harvest", "Online"));

        HttpResponse<String> response = site.get("/events/" + winter + ".ics");
        assertEquals(200, response.statusCode());
        assertEquals("text/calendar; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Disposition").orElseThrow().contains("event-" + winter + ".ics"));
        String text = response.body();
        assertLinesAreRfc5545(text);
        Calendar calendar = valid(text);
        VEvent event = only(calendar);
        assertEquals("event-" + winter + "@localhost", value(event, Property.UID));
        assertEquals("Winter pruning", value(event, Property.SUMMARY));
        assertEquals("Allotment 7, Gate B", value(event, Property.LOCATION));
        assertEquals(about.strip() + "\n\nhttp://localhost/events/" + winter, value(event, Property.DESCRIPTION),
                "escaping and folding (never inside a character) undone by the parser");
        assertTrue(value(event, Property.URL).endsWith("/events/" + winter));
        assertEquals("0", value(event, Property.SEQUENCE));
        assertEquals("CONFIRMED", value(event, Property.STATUS));
        assertEquals(BERLIN, event.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow()
                .getValue());
        assertEquals(LocalDateTime.of(YEAR, 12, 10, 18, 0).toInstant(ZoneOffset.UTC), start(event));
        assertEquals("+0100", offsetAt(calendar, LocalDateTime.of(YEAR, 12, 10, 19, 0)));

        Calendar summerCalendar = valid(site.get("/events/" + summer + ".ics").body());
        VEvent summerEvent = only(summerCalendar);
        assertEquals(LocalDateTime.of(YEAR, 7, 8, 17, 0).toInstant(ZoneOffset.UTC), start(summerEvent),
                "19:00 in Berlin is 17:00 UTC in summer");
        assertEquals("+0200", offsetAt(summerCalendar, LocalDateTime.of(YEAR, 7, 8, 19, 0)));
        assertEquals("https://meet.example.org/harvest", value(summerEvent, Property.LOCATION));

        long kolkata = fixtures.event(Spec.at("Monsoon planting call", meetups, founder,
                LocalDateTime.of(YEAR, 7, 8, 19, 0), "Asia/Kolkata"));
        Calendar india = valid(site.get("/events/" + kolkata + ".ics").body());
        assertEquals(LocalDateTime.of(YEAR, 7, 8, 13, 30).toInstant(ZoneOffset.UTC), start(only(india)),
                "a zone without clock changes: +05:30 all year");
        assertEquals("+0530", offsetAt(india, LocalDateTime.of(YEAR, 7, 8, 19, 0), "Asia/Kolkata"));

        long utc = fixtures.event(Spec.at("Global call", meetups, founder, LocalDateTime.of(YEAR, 2, 1, 12, 0), "UTC"));
        String utcText = site.get("/events/" + utc + ".ics").body();
        assertTrue(utcText.contains("DTSTART:" + YEAR + "0201T120000Z"), utcText);
        assertTrue(valid(utcText).getComponents("VTIMEZONE").isEmpty(), "UTC times need no VTIMEZONE");

        assertEquals(404, site.get("/events/999999.ics").statusCode());
    }

    @Test
    void eachEventShowsOnlyToItsAudience() throws Exception {
        long members = fixtures.event(Spec.at("Members' swap", meetups, founder, LocalDateTime.of(YEAR, 5, 1, 10, 0),
                BERLIN).visibility("members"));
        long invite = fixtures.event(Spec.at("Committee dinner", meetups, rosaId, LocalDateTime.of(YEAR, 5, 2, 19, 0),
                BERLIN).visibility("invite"));
        long hidden = fixtures.event(Spec.at("Staff retreat", staff, founder, LocalDateTime.of(YEAR, 5, 3, 9, 0),
                BERLIN));
        Browser visitor = new Browser(site);
        Browser invitee = Members.signUp(site, "Iris");
        fixtures.invite(invite, fixtures.member("Iris"));

        assertEquals(404, visitor.get("/events/" + members + ".ics").statusCode());
        assertEquals(200, otto.get("/events/" + members + ".ics").statusCode());
        assertEquals(404, otto.get("/events/" + invite + ".ics").statusCode(), "not invited");
        assertEquals(200, invitee.get("/events/" + invite + ".ics").statusCode());
        assertEquals(200, rosa.get("/events/" + invite + ".ics").statusCode(), "the host");
        assertEquals(200, admin.get("/events/" + invite + ".ics").statusCode(), "a moderator of the category");
        assertEquals(404, visitor.get("/events/" + hidden + ".ics").statusCode());
        assertEquals(404, otto.get("/events/" + hidden + ".ics").statusCode(), "the category is staff-only");
        assertEquals(200, admin.get("/events/" + hidden + ".ics").statusCode());

        assertEquals(404, visitor.get("/events/" + members + "/google-calendar").statusCode());
        String everything = site.get("/events/calendar.ics").body();
        for (String title : List.of("Members' swap", "Committee dinner", "Staff retreat")) {
            assertFalse(everything.contains(title), title + " is not public");
        }
    }

    @Test
    void theGoogleLinkCarriesLocalTimesAndTheZone() {
        long id = fixtures.event(Spec.at("Seed swap & soup", meetups, founder, LocalDateTime.of(YEAR, 3, 14, 11, 0),
                BERLIN).place("Town hall", null, "Bring seeds"));
        HttpResponse<String> link = site.get("/events/" + id + "/google-calendar");
        assertEquals(302, link.statusCode());
        String location = link.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("https://calendar.google.com/calendar/render?action=TEMPLATE&text=Seed%20swap%20%26%20soup"),
                location);
        assertTrue(location.contains("&dates=" + YEAR + "0314T110000/" + YEAR + "0314T130000"), location);
        assertTrue(location.contains("&location=Town%20hall"), location);
        assertTrue(location.contains("&ctz=Europe%2FBerlin"), location);
        assertTrue(location.contains("&details=Bring%20seeds%0A%0Ahttp"), location);

        long allDay = fixtures.event(Spec.at("Open gardens weekend", meetups, founder,
                LocalDateTime.of(YEAR, 6, 12, 0, 0), BERLIN).allDay(LocalDateTime.of(YEAR, 6, 14, 0, 0)));
        String dates = site.get("/events/" + allDay + "/google-calendar").headers().firstValue("Location")
                .orElseThrow();
        assertTrue(dates.contains("&dates=" + YEAR + "0612/" + YEAR + "0614"), dates);
    }

    @Test
    void thePublicFeedWritesASeriesAsOneRuleWithItsExceptionsAcrossADstChange() throws Exception {
        // Weekly at 19:00 Berlin time across the last Sunday of March: 18:00 UTC before, 17:00 UTC after.
        long series = fixtures.series("FREQ=WEEKLY;COUNT=4", BERLIN);
        LocalDateTime first = LocalDate.of(YEAR, 3, 1).with(TemporalAdjusters.lastInMonth(
                DayOfWeek.SUNDAY)).minusDays(10).atTime(19, 0);
        long[] ids = new long[4];
        for (int week = 0; week < 4; week++) {
            Spec spec = Spec.at("Thursday dig", meetups, founder, first.plusWeeks(week), BERLIN).inSeries(series, false);
            if (week == 2) {
                spec = spec.cancelled();
            }
            ids[week] = fixtures.event(spec);
        }
        long moved = fixtures.event(Spec.at("Thursday dig (late)", meetups, founder, first.plusWeeks(4).plusHours(1),
                BERLIN).inSeries(series, true));
        long alone = fixtures.event(Spec.at("Cancelled fair", meetups, founder, first.plusDays(1), BERLIN).cancelled());
        long allDay = fixtures.event(Spec.at("Plant sale", meetups, founder, first.toLocalDate().atStartOfDay(),
                BERLIN).allDay(first.toLocalDate().plusDays(1).atStartOfDay()));

        HttpResponse<String> response = site.get("/events/calendar.ics");
        assertEquals(200, response.statusCode());
        assertLinesAreRfc5545(response.body());
        Calendar calendar = valid(response.body());
        assertFalse(calendar.getComponents("VTIMEZONE").isEmpty(), "VTIMEZONE present");

        VEvent master = byUid(calendar, "series-" + series);
        assertEquals("FREQ=WEEKLY;UNTIL=" + utc(first.plusWeeks(3)), value(master, Property.RRULE));
        Set<Instant> occurrences = occurrences(master);
        assertEquals(Set.of(instant(first), instant(first.plusWeeks(1)), instant(first.plusWeeks(3))), occurrences,
                "the cancelled week is excluded");
        assertEquals(Set.of(18, 17), occurrences.stream().map(i -> i.atZone(ZoneOffset.UTC).getHour())
                .collect(Collectors.toSet()), "19:00 local on both sides of the change");
        assertEquals(ids.length, 4);

        VEvent late = byUid(calendar, "event-" + moved);
        assertEquals(instant(first.plusWeeks(4).plusHours(1)), start(late));
        assertEquals("CANCELLED", value(byUid(calendar, "event-" + alone), Property.STATUS));
        VEvent sale = byUid(calendar, "event-" + allDay);
        assertEquals(first.toLocalDate(), sale.getProperty(Property.DTSTART).map(p -> ((DateProperty<?>) p).getDate())
                .orElseThrow());
        assertEquals("DATE", sale.getProperty(Property.DTSTART).orElseThrow().getParameter("VALUE").orElseThrow()
                .getValue());
    }

    @Test
    void aCategoryFeedHasItsOwnPublicEvents() throws Exception {
        long garden = fixtures.category(admin, "Garden club", "everyone");
        fixtures.event(Spec.at("Compost clinic", garden, founder, LocalDateTime.of(YEAR, 4, 4, 10, 0), BERLIN));
        fixtures.event(Spec.at("Elsewhere", meetups, founder, LocalDateTime.of(YEAR, 4, 5, 10, 0), BERLIN));
        String slug = Sql.value(site.database(), "SELECT slug FROM categories WHERE id = ?", garden);

        HttpResponse<String> feed = site.get("/c/" + slug + "/calendar.ics");
        assertEquals(200, feed.statusCode());
        Calendar calendar = valid(feed.body());
        List<String> titles = calendar.<VEvent>getComponents("VEVENT").stream()
                .map(e -> value(e, Property.SUMMARY)).toList();
        assertEquals(List.of("Compost clinic"), titles);
        String staffSlug = Sql.value(site.database(), "SELECT slug FROM categories WHERE id = ?", staff);
        assertEquals(404, site.get("/c/" + staffSlug + "/calendar.ics").statusCode());
        assertEquals(404, site.get("/c/no-such-category/calendar.ics").statusCode());

        long quiet = fixtures.category(admin, "Quiet corner", "everyone");
        String quietSlug = Sql.value(site.database(), "SELECT slug FROM categories WHERE id = ?", quiet);
        Calendar empty = valid(site.get("/c/" + quietSlug + "/calendar.ics").body());
        assertTrue(empty.getComponents("VEVENT").isEmpty(), "no events yet, and still a valid calendar");
    }

    @Test
    void aMemberSubscribesToTheirOwnEventsAtASecretAddressTheyCanRevoke() throws Exception {
        Browser mira = Members.signUp(site, "Mira");
        long miraId = fixtures.member("Mira");
        long going = fixtures.event(Spec.at("Pond cleanup", meetups, founder, LocalDateTime.of(YEAR, 8, 1, 9, 0),
                BERLIN).visibility("members"));
        long waiting = fixtures.event(Spec.at("Bee keeping", meetups, founder, LocalDateTime.of(YEAR, 8, 2, 9, 0),
                BERLIN));
        long declined = fixtures.event(Spec.at("Bulb planting", meetups, founder, LocalDateTime.of(YEAR, 8, 3, 9, 0),
                BERLIN));
        long lostAccess = fixtures.event(Spec.at("Staff picnic", staff, founder, LocalDateTime.of(YEAR, 8, 4, 9, 0),
                BERLIN));
        long hosted = fixtures.event(Spec.at("Mira's tour", meetups, miraId, LocalDateTime.of(YEAR, 8, 5, 9, 0),
                BERLIN).visibility("invite"));
        fixtures.event(Spec.at("Not mine", meetups, founder, LocalDateTime.of(YEAR, 8, 6, 9, 0), BERLIN));
        fixtures.rsvp(going, miraId, "going");
        fixtures.rsvp(waiting, miraId, "waitlisted");
        fixtures.rsvp(declined, miraId, "not_going");
        fixtures.rsvp(lostAccess, miraId, "going");

        assertTrue(mira.get("/account/preferences").body().contains("href=\"/my/calendar\""));
        HttpResponse<String> made = mira.submit("/my/calendar", "/my/calendar/token", Map.of());
        assertEquals(200, made.statusCode());
        Matcher url = Pattern.compile("(http://[^<\"]+/calendar/[A-Za-z0-9_-]+\\.ics)").matcher(made.body());
        assertTrue(url.find(), made.body());
        String path = URI.create(url.group(1)).getPath();
        assertTrue(mira.get("/my/calendar").body().contains("Your feed is on"));
        assertFalse(mira.get("/my/calendar").body().contains(path), "shown once only");
        assertEquals(1, Sql.number(site.database(), "SELECT COUNT(*) FROM calendar_feed_tokens WHERE member_id = "
                + miraId));
        assertFalse(Sql.value(site.database(), "SELECT token_hash FROM calendar_feed_tokens WHERE member_id = ?",
                miraId).contains(path.substring(10, 30)), "only the hash is stored");

        HttpResponse<String> feed = site.get(path);
        assertEquals(200, feed.statusCode());
        Calendar calendar = valid(feed.body());
        Set<String> titles = calendar.<VEvent>getComponents("VEVENT").stream().map(e -> value(e, Property.SUMMARY))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("Pond cleanup", "Bee keeping", "Mira's tour")), titles);
        assertNotNull(byUid(calendar, "event-" + hosted));

        JsonObject remade = new JsonObject(mira.json("POST", "/api/v1/me/calendar-token", null).body());
        String newPath = URI.create(remade.getString("url")).getPath();
        assertEquals(404, site.get(path).statusCode(), "a new address retires the old");
        assertEquals(200, site.get(newPath).statusCode());
        assertTrue(new JsonObject(mira.json("GET", "/api/v1/me/calendar-token", null).body()).getBoolean("active"));
        HttpResponse<String> revoked = mira.json("DELETE", "/api/v1/me/calendar-token", null);
        assertEquals(200, revoked.statusCode());
        assertTrue(new JsonObject(revoked.body()).getBoolean("revoked"));
        assertEquals(404, site.get(newPath).statusCode(), "revoked");

        HttpResponse<String> again = mira.submit("/my/calendar", "/my/calendar/token", Map.of());
        Matcher third = Pattern.compile("(http://[^<\"]+/calendar/[A-Za-z0-9_-]+\\.ics)").matcher(again.body());
        assertTrue(third.find());
        assertEquals(303, mira.submit("/my/calendar", "/my/calendar/revoke", Map.of()).statusCode());
        assertEquals(404, site.get(URI.create(third.group(1)).getPath()).statusCode());
        assertTrue(mira.get("/my/calendar?revoked=1").body().contains("Your feed is off"));

        Browser visitor = new Browser(site);
        assertEquals(401, visitor.json("POST", "/api/v1/me/calendar-token", null).statusCode());
        HttpResponse<String> page = visitor.get("/my/calendar");
        assertTrue(page.statusCode() == 302 || page.statusCode() == 303, "sent to log in");
        assertEquals(404, site.get("/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics").statusCode());
    }

    // --- reading calendars

    private static Calendar valid(String text) throws Exception {
        Calendar calendar = CalendarFixtures.parse(text);
        ValidationResult result = calendar.validate();
        assertFalse(result.hasErrors(), () -> result.getEntries() + "\n" + text);
        return calendar;
    }

    /** CRLF everywhere, no line over 75 octets, folded lines start with a space. */
    private static void assertLinesAreRfc5545(String text) {
        assertTrue(text.endsWith("\r\n"));
        assertFalse(text.replace("\r\n", "").contains("\n"), "bare LF");
        for (String line : text.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, () -> "too long: " + line);
        }
    }

    private static VEvent only(Calendar calendar) {
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(1, events.size());
        return events.getFirst();
    }

    private static VEvent byUid(Calendar calendar, String uid) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> value(e, Property.UID).equals(uid + "@localhost")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + uid));
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse(null);
    }

    private static Instant start(VEvent event) {
        return Instant.from(event.<DateProperty<?>>getProperty(Property.DTSTART).orElseThrow().getDate());
    }

    /** The offset the calendar's own VTIMEZONE gives for a local time. */
    private static String offsetAt(Calendar calendar, LocalDateTime local) {
        return offsetAt(calendar, local, BERLIN);
    }

    private static String offsetAt(Calendar calendar, LocalDateTime local, String zoneId) {
        VTimeZone zone = calendar.<VTimeZone>getComponents("VTIMEZONE").getFirst();
        return zone.getApplicableObservance(local.atZone(ZoneId.of(zoneId))).getProperty("TZOFFSETTO").orElseThrow()
                .getValue();
    }

    /** The master's occurrences as ical4j expands its RRULE, without its EXDATEs. */
    @SuppressWarnings("unchecked")
    private static Set<Instant> occurrences(VEvent master) {
        Temporal seed = master.<DateProperty<?>>getProperty(Property.DTSTART).orElseThrow().getDate();
        ZonedDateTime start = ZonedDateTime.from(seed);
        Recur<ZonedDateTime> recur = new Recur<>(value(master, Property.RRULE));
        Set<Instant> times = recur.getDates(start, start, start.plusYears(1)).stream().map(ZonedDateTime::toInstant)
                .collect(Collectors.toCollection(TreeSet::new));
        for (ExDate<?> exdate : master.<ExDate<?>>getProperties(Property.EXDATE)) {
            exdate.getDates().forEach(t -> times.remove(Instant.from(t)));
        }
        return times;
    }

    private static Instant instant(LocalDateTime berlin) {
        return berlin.atZone(ZoneId.of(BERLIN)).toInstant();
    }

    private static String utc(LocalDateTime berlin) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(instant(berlin));
    }
}
