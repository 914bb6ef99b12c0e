package hearth.server.calendars;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Sql;
import hearth.server.testing.TestDatabase;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;

/**
 * Events rows for the calendar tests, written straight into the V026 tables (the events service is built
 * elsewhere), and the tests' reading of calendars with ical4j.
 */
final class CalendarFixtures {

    private final TestDatabase db;

    CalendarFixtures(TestDatabase db) {
        this.db = db;
    }

    /** An event as the events feature would store it; returns its id. */
    record Spec(String title, long categoryId, long hostId, LocalDateTime localStart, LocalDateTime localEnd,
                String zone, String visibility, String status, boolean allDay, Long seriesId, boolean detached,
                String venue, String onlineUrl, String description) {

        static Spec at(String title, long categoryId, long hostId, LocalDateTime start, String zone) {
            return new Spec(title, categoryId, hostId, start, start.plusHours(2), zone, "public", "scheduled",
                    false, null, false, null, null, "About " + title);
        }

        Spec visibility(String value) {
            return new Spec(title, categoryId, hostId, localStart, localEnd, zone, value, status, allDay, seriesId,
                    detached, venue, onlineUrl, description);
        }

        Spec cancelled() {
            return new Spec(title, categoryId, hostId, localStart, localEnd, zone, visibility, "cancelled", allDay,
                    seriesId, detached, venue, onlineUrl, description);
        }

        Spec allDay(LocalDateTime end) {
            return new Spec(title, categoryId, hostId, localStart, end, zone, visibility, status, true, seriesId,
                    detached, venue, onlineUrl, description);
        }

        Spec inSeries(long series, boolean isDetached) {
            return new Spec(title, categoryId, hostId, localStart, localEnd, zone, visibility, status, allDay, series,
                    isDetached, venue, onlineUrl, description);
        }

        Spec place(String where, String online, String about) {
            return new Spec(title, categoryId, hostId, localStart, localEnd, zone, visibility, status, allDay,
                    seriesId, detached, where, online, about);
        }
    }

    long event(Spec spec) {
        ZoneId zone = ZoneId.of(spec.zone());
        Instant now = Instant.now();
        Sql.change(db, "INSERT INTO topics (category_id, author_id, title, slug, created_at, last_posted_at)"
                + " VALUES (?, ?, ?, 'event', ?, ?)", spec.categoryId(), spec.hostId(), spec.title(), now, now);
        long topic = Long.parseLong(Sql.value(db, "SELECT MAX(id) FROM topics"));
        Sql.change(db, "INSERT INTO events (series_id, detached, topic_id, category_id, host_id, title,"
                        + " description_markdown, description_html, starts_at, ends_at, time_zone, all_day, online_url,"
                        + " venue, visibility, status, check_in_code, sequence, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CODE1234', ?, ?, ?)",
                spec.seriesId(), spec.detached(), topic, spec.categoryId(), spec.hostId(), spec.title(),
                spec.description(), "<p>" + spec.description() + "</p>", spec.localStart().atZone(zone).toInstant(),
                spec.localEnd().atZone(zone).toInstant(), spec.zone(), spec.allDay(), spec.onlineUrl(), spec.venue(),
                spec.visibility(), spec.status(), "cancelled".equals(spec.status()) ? 1 : 0, now, now);
        return Long.parseLong(Sql.value(db, "SELECT MAX(id) FROM events"));
    }

    long series(String rrule, String zone) {
        Sql.change(db, "INSERT INTO event_series (rrule, time_zone, created_at) VALUES (?, ?, ?)", rrule, zone,
                Instant.now());
        return Long.parseLong(Sql.value(db, "SELECT MAX(id) FROM event_series"));
    }

    void invite(long eventId, long memberId) {
        Sql.change(db, "INSERT INTO event_invitees (event_id, member_id, invited_at) VALUES (?, ?, ?)", eventId,
                memberId, Instant.now());
    }

    void rsvp(long eventId, long memberId, String status) {
        Sql.change(db, "INSERT INTO event_rsvps (event_id, member_id, status, updated_at) VALUES (?, ?, ?, ?)",
                eventId, memberId, status, Instant.now());
    }

    long member(String username) {
        return Long.parseLong(Sql.value(db, "SELECT id FROM members WHERE username_key = ?",
                username.toLowerCase(Locale.ROOT)));
    }

    long category(Browser admin, String name, String see) {
        var created = admin.submit("/admin/categories", "/admin/categories", Map.of("name", name, "description",
                name + " events", "color", "#336699", "parentId", "0", "see", see));
        assertEquals(303, created.statusCode(), created.body());
        return Long.parseLong(Sql.value(db, "SELECT id FROM categories WHERE name = ?", name));
    }

    /** The text parsed by ical4j, which fails on what it cannot read. */
    static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }
}
