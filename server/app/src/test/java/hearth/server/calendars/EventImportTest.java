package hearth.server.calendars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admins import .ics files, uploaded or fetched from an address (served here by a small HTTP server on localhost,
 * which the site is told it may reach): events with their topics, updated rather than duplicated on re-import, and
 * nothing written from a bad file.
 */
class EventImportTest {

    private static final int YEAR = LocalDate.now().getYear() + 1;
    private static final String PAGE = "/admin/events/import";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser member;
    static long category;
    static HttpServer calendars;
    static volatile String served = "";

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(dataDir, "--no-demo", "--import-private-addresses");
        admin = Members.signUp(site, "Founder");
        member = Members.signUp(site, "Rosa");
        category = new CalendarFixtures(site.database()).category(admin, "Imported", "everyone");
        calendars = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        calendars.createContext("/cal.ics", exchange -> {
            byte[] body = served.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/calendar");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        calendars.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/cal.ics");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        calendars.createContext("/huge.ics", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] line = "X-FILLER:0123456789012345678901234567890123456789012345678901234567890\r\n"
                    .getBytes(StandardCharsets.UTF_8);
            for (int written = 0; written < 3 * 1024 * 1024; written += line.length) {
                exchange.getResponseBody().write(line);
            }
            exchange.close();
        });
        calendars.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        calendars.start();
    }

    @AfterAll
    static void stop() {
        calendars.stop(0);
        site.close();
    }

    @Test
    void anUploadedFileBecomesEventsWithTopicsAndImportingItAgainUpdatesThem() throws Exception {
        String ics = calendar(vevent("garden-1@example.org", "Compost clinic", "TZID=Europe/Berlin:" + YEAR
                        + "0704T180000", "TZID=Europe/Berlin:" + YEAR + "0704T200000", "Shed 3", "")
                + vevent("garden-2@example.org", "Open day", "VALUE=DATE:" + YEAR + "0912", "VALUE=DATE:" + YEAR
                        + "0913", "https://meet.example.org/open", ""));
        long topicsBefore = count("topics");
        long created = journal("EventCreated");
        long changed = journal("EventChanged");
        long cancelledBefore = journal("EventCancelled");
        HttpResponse<String> imported = upload(ics);
        assertEquals(200, imported.statusCode(), imported.body());
        assertTrue(imported.body().contains("Imported: 2 new, 0 updated, 0 unchanged."), imported.body());
        assertEquals(topicsBefore + 2, count("topics"));
        assertEquals(created + 2, journal("EventCreated"));
        List<String> clinic = Sql.row(site.database(), "SELECT title, time_zone, all_day, venue, online_url, category_id,"
                + " status FROM events WHERE import_uid = 'garden-1@example.org'");
        assertEquals(List.of("Compost clinic", "Europe/Berlin", false, "Shed 3"), List.of(clinic.get(0),
                clinic.get(1), flag(clinic.get(2)), clinic.get(3)));
        assertEquals(String.valueOf(category), clinic.get(5));
        assertEquals(instant(LocalDateTime.of(YEAR, 7, 4, 18, 0)), startsAt("garden-1@example.org"));
        List<String> open = Sql.row(site.database(), "SELECT all_day, venue, online_url FROM events"
                + " WHERE import_uid = 'garden-2@example.org'");
        assertTrue(flag(open.get(0)), "all day");
        assertEquals("https://meet.example.org/open", open.get(2));
        String feed = site.get("/events/calendar.ics").body();
        assertTrue(feed.contains("SUMMARY:Compost clinic") && feed.contains("SUMMARY:Open day"));

        HttpResponse<String> again = upload(ics);
        assertTrue(again.body().contains("Imported: 0 new, 0 updated, 2 unchanged."), again.body());
        assertEquals(topicsBefore + 2, count("topics"), "no duplicates");

        String moved = ics.replace(YEAR + "0704T180000", YEAR + "0704T190000");
        assertTrue(upload(moved).body().contains("Imported: 0 new, 1 updated, 1 unchanged."));
        assertEquals(instant(LocalDateTime.of(YEAR, 7, 4, 19, 0)), startsAt("garden-1@example.org"));
        assertEquals("1", Sql.value(site.database(), "SELECT sequence FROM events WHERE import_uid = ?",
                "garden-1@example.org"));
        assertEquals(changed + 1, journal("EventChanged"));

        String cancelled = moved.replace("SUMMARY:Compost clinic", "SUMMARY:Compost clinic\r\nSTATUS:CANCELLED");
        assertTrue(upload(cancelled).body().contains("1 updated"));
        assertEquals("cancelled", Sql.value(site.database(), "SELECT status FROM events WHERE import_uid = ?",
                "garden-1@example.org"));
        assertEquals(cancelledBefore + 1, journal("EventCancelled"));
    }

    @Test
    void aCalendarIsFetchedFromItsAddressFollowingARedirect() throws Exception {
        served = calendar(vevent("fetched-1@example.org", "Seed library", "TZID=Europe/Berlin:" + YEAR + "1005T100000",
                "TZID=Europe/Berlin:" + YEAR + "1005T120000", "Library", ""));
        HttpResponse<String> fetched = admin.submit(PAGE, PAGE, Map.of("category", String.valueOf(category),
                "url", "http://127.0.0.1:" + calendars.getAddress().getPort() + "/moved"));
        assertEquals(200, fetched.statusCode(), fetched.body());
        assertTrue(fetched.body().contains("Imported: 1 new"), fetched.body());
        assertEquals(instant(LocalDateTime.of(YEAR, 10, 5, 10, 0)), startsAt("fetched-1@example.org"));

        HttpResponse<String> gone = admin.submit(PAGE, PAGE, Map.of("category", String.valueOf(category),
                "url", "http://127.0.0.1:" + calendars.getAddress().getPort() + "/gone"));
        assertEquals(400, gone.statusCode());
        assertTrue(gone.body().contains("The address answered 404 instead of a calendar."), gone.body());
        HttpResponse<String> huge = admin.submit(PAGE, PAGE, Map.of("category", String.valueOf(category),
                "url", "http://127.0.0.1:" + calendars.getAddress().getPort() + "/huge.ics"));
        assertEquals(400, huge.statusCode());
        assertTrue(huge.body().contains("The calendar is larger than 2 MB."), huge.body());
        HttpResponse<String> ftp = admin.submit(PAGE, PAGE, Map.of("category", String.valueOf(category),
                "url", "ftp://example.org/cal.ics"));
        assertEquals(400, ftp.statusCode());
        assertTrue(ftp.body().contains("Give an http:// or https:// address."));
    }

    @Test
    void aRecurringEntryIsImportedAtItsNextOccurrence() throws Exception {
        String ics = calendar(vevent("weekly@example.org", "Weekly dig", "TZID=Europe/Berlin:20200102T180000",
                "TZID=Europe/Berlin:20200102T200000", "", "RRULE:FREQ=WEEKLY;BYDAY=TH\r\n"));
        assertTrue(upload(ics).body().contains("Imported: 1 new"));
        Instant start = startsAt("weekly@example.org");
        assertTrue(start.isAfter(Instant.now()) && start.isBefore(Instant.now().plusSeconds(8 * 24 * 3600)),
                start.toString());
        ZonedDateTime local = start.atZone(ZoneId.of("Europe/Berlin"));
        assertEquals(18, local.getHour(), "the local time, whatever the season");
        assertEquals(DayOfWeek.THURSDAY, local.getDayOfWeek());
    }

    @Test
    void aBadFileIsRefusedWithAClearMessageAndWritesNothing() throws Exception {
        long events = count("events");
        long topics = count("topics");
        HttpResponse<String> garbage = upload("this is not a calendar");
        assertEquals(400, garbage.statusCode());
        assertTrue(garbage.body().contains("This is not a valid iCalendar file"), garbage.body());

        String halfGood = calendar(vevent("good@example.org", "Fine", "VALUE=DATE:" + YEAR + "0101",
                "VALUE=DATE:" + YEAR + "0102", "", "") + "BEGIN:VEVENT\r\nUID:no-start@example.org\r\nDTSTAMP:"
                + "20260101T000000Z\r\nSUMMARY:No start\r\nEND:VEVENT\r\n");
        HttpResponse<String> missing = upload(halfGood);
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("Event 2 (no-start@example.org) has no start (DTSTART)."), missing.body());
        assertEquals(events, count("events"), "the good event was not written either");
        assertEquals(topics, count("topics"));

        HttpResponse<String> noCategory = admin.upload(PAGE, PAGE, Map.of("category", ""), "file", "cal.ics",
                "text/calendar", halfGood.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noCategory.statusCode());
        assertTrue(noCategory.body().contains("Choose the category the events go to."));
        HttpResponse<String> nothing = admin.submit(PAGE, PAGE, Map.of("category", String.valueOf(category)));
        assertEquals(400, nothing.statusCode());
        assertTrue(nothing.body().contains("Choose an .ics file, or give the address of a calendar."));

        HttpResponse<String> api = admin.json("POST", "/api/v1/events/import", new JsonObject()
                .put("categoryId", category).put("ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").encode());
        assertEquals(400, api.statusCode());
        assertEquals("file", new JsonObject(api.body()).getString("field"));
        assertEquals(events, count("events"));
    }

    @Test
    void theApiImportsToo() throws Exception {
        String ics = calendar(vevent("api-1@example.org", "API picnic", "TZID=Europe/Berlin:" + YEAR + "0601T120000",
                "TZID=Europe/Berlin:" + YEAR + "0601T150000", "Park", ""));
        HttpResponse<String> response = admin.json("POST", "/api/v1/events/import", new JsonObject()
                .put("categoryId", category).put("ics", ics).encode());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, new JsonObject(response.body()).getInteger("created"));
    }

    @Test
    void onlyAdminsImport() {
        assertEquals(403, member.get(PAGE).statusCode());
        assertEquals(403, member.submit("/my/calendar", PAGE, Map.of("category", String.valueOf(category),
                "url", "http://127.0.0.1/")).statusCode());
        assertEquals(403, member.json("POST", "/api/v1/events/import", new JsonObject().put("categoryId", category)
                .put("url", "http://127.0.0.1/").encode()).statusCode());
        assertEquals(401, new Browser(site).json("POST", "/api/v1/events/import", "{}").statusCode());
        assertTrue(admin.get("/admin").body().contains("href=\"/admin/events/import\""));
    }

    private static HttpResponse<String> upload(String ics) {
        return admin.upload(PAGE, PAGE, Map.of("category", String.valueOf(category)), "file", "garden.ics",
                "text/calendar", ics.getBytes(StandardCharsets.UTF_8));
    }

    static String calendar(String events) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Garden//EN\r\n" + events + "END:VCALENDAR\r\n";
    }

    static String vevent(String uid, String title, String start, String end, String location, String more) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;" + start + "\r\nDTEND;" + end
                + "\r\nSUMMARY:" + title + "\r\n" + (location.isEmpty() ? "" : "LOCATION:" + location + "\r\n")
                + "DESCRIPTION:Bring a spade\\, please.\r\n" + more + "END:VEVENT\r\n";
    }

    /** A BOOLEAN column as H2 (TRUE) and MariaDB (1) give it. */
    private static boolean flag(String value) {
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }

    private static long journal(String event) throws Exception {
        return Sql.number(site.database(), "SELECT COUNT(*) FROM journal WHERE event_type LIKE '%" + event + "'");
    }

    private static long count(String table) throws Exception {
        return Sql.number(site.database(), "SELECT COUNT(*) FROM " + table);
    }

    private static Instant startsAt(String uid) {
        String value = Sql.value(site.database(), "SELECT starts_at FROM events WHERE import_uid = ?", uid);
        return Timestamp.valueOf(value).toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime berlin) {
        return berlin.atZone(ZoneId.of("Europe/Berlin")).toInstant();
    }
}
