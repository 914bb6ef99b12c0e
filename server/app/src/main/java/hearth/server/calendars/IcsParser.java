package hearth.server.calendars;

import hearth.api.errors.InvalidInput;
import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Duration;
import net.fortuna.ical4j.model.property.ExDate;

/**
 * Reads the VEVENTs of an iCalendar file (ical4j) into {@link ImportedEvent}s. Every VEVENT needs a UID and a
 * DTSTART, or the whole file is refused (nothing half-imported). Times keep their TZID when Java knows the zone,
 * else the calendar's X-WR-TIMEZONE, else UTC; a VEVENT without an end lasts a day (a date) or an hour (a time).
 * LOCATION becomes the venue, or the online address when it is a web address (URL too, when there is none).
 * A recurring VEVENT (RRULE) becomes one event at its next occurrence from {@code now} (or its first, when all are
 * past), EXDATEs skipped: a series' rule is not imported, and importing again later moves the event to the then next
 * occurrence.
 */
final class IcsParser {

    static final int MAX_EVENTS = 500;
    private static final int TITLE = 200;
    private static final int VENUE = 300;
    private static final int URL = 500;

    private IcsParser() {
    }

    /** The file's events; a problem is reported on {@code field} (the upload or the address it came from). */
    static List<ImportedEvent> parse(String text, Instant now, String field) {
        try {
            return parse(text, now);
        } catch (InvalidInput invalid) {
            throw new InvalidInput(field, invalid.getMessage());
        }
    }

    private static List<ImportedEvent> parse(String text, Instant now) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException e) {
            throw new InvalidInput("file", "This is not a valid iCalendar file (line " + e.getLineNo() + ": "
                    + firstLine(e.getMessage()) + ").");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInput("file", "This is not a valid iCalendar file (" + firstLine(e.getMessage()) + ").");
        }
        ZoneId fallback = calendar.getProperty("X-WR-TIMEZONE").map(Property::getValue).flatMap(IcsParser::zone)
                .orElse(ZoneOffset.UTC);
        List<VEvent> vevents = calendar.getComponents(Component.VEVENT);
        if (vevents.isEmpty()) {
            throw new InvalidInput("file", "The calendar has no events (VEVENT) to import.");
        }
        if (vevents.size() > MAX_EVENTS) {
            throw new InvalidInput("file", "The calendar has " + vevents.size() + " events; import at most "
                    + MAX_EVENTS + " at a time.");
        }
        List<ImportedEvent> events = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        int number = 0;
        for (VEvent vevent : vevents) {
            number++;
            ImportedEvent event;
            try {
                event = event(vevent, number, fallback, now);
            } catch (InvalidInput invalid) {
                throw invalid;
            } catch (RuntimeException e) {
                throw new InvalidInput("file", "Event " + number + " could not be read (" + firstLine(e.getMessage())
                        + ").");
            }
            if (!uids.add(event.importUid())) {
                throw new InvalidInput("file", "Event " + number + " repeats the UID " + event.importUid() + ".");
            }
            events.add(event);
        }
        return events;
    }

    private static ImportedEvent event(VEvent vevent, int number, ZoneId fallback, Instant now) {
        String uid = value(vevent, Property.UID).orElseThrow(() -> new InvalidInput("file",
                "Event " + number + " has no UID, so importing it again could not find it."));
        DateProperty<?> dtstart = vevent.<DateProperty<?>>getProperty(Property.DTSTART).orElseThrow(() ->
                new InvalidInput("file", "Event " + number + " (" + uid + ") has no start (DTSTART)."));
        Temporal start = dtstart.getDate();
        boolean allDay = start instanceof LocalDate;
        ZoneId zone = named(dtstart).orElse(fallback);
        ZonedDateTime begins = at(dtstart, zone);
        ZonedDateTime ends = end(vevent, begins, allDay);
        if (vevent.getProperty(Property.RRULE).isPresent()) {
            ZonedDateTime next = next(vevent, begins, zone, now);
            ends = next.plus(java.time.Duration.between(begins, ends));
            begins = next;
        }
        if (!ends.isAfter(begins)) {
            ends = allDay ? begins.plusDays(1) : begins.plusHours(1);
        }
        String title = value(vevent, Property.SUMMARY).map(String::strip).filter(s -> !s.isEmpty())
                .orElse("Untitled event");
        String description = value(vevent, Property.DESCRIPTION).map(String::strip).orElse("");
        String location = value(vevent, Property.LOCATION).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        String url = value(vevent, Property.URL).map(String::strip).filter(IcsParser::isWebAddress).orElse(null);
        String venue = location == null || isWebAddress(location) ? null : cut(location, VENUE);
        String online = location != null && isWebAddress(location) ? location : url;
        String importUid = value(vevent, Property.RECURRENCE_ID).map(id -> uid + "#" + id).orElse(uid);
        boolean cancelled = value(vevent, Property.STATUS).map("CANCELLED"::equalsIgnoreCase).orElse(false);
        return new ImportedEvent(cut(importUid, 255), cut(title, TITLE), description, begins.toInstant(),
                ends.toInstant(), zone.getId(), allDay, venue, online == null || online.length() > URL ? null : online,
                cancelled);
    }

    private static ZonedDateTime end(VEvent vevent, ZonedDateTime begins, boolean allDay) {
        Optional<DateProperty<?>> dtend = vevent.getProperty(Property.DTEND);
        if (dtend.isPresent()) {
            return at(dtend.get(), begins.getZone());
        }
        Optional<TemporalAmount> duration = vevent.<Duration>getProperty(Property.DURATION).map(Duration::getDuration);
        if (duration.isPresent()) {
            return begins.plus(duration.get());
        }
        return allDay ? begins.plusDays(1) : begins.plusHours(1);
    }

    /** The first occurrence starting at or after {@code now}, EXDATEs skipped; the first one when all are past. */
    private static ZonedDateTime next(VEvent vevent, ZonedDateTime begins, ZoneId zone, Instant now) {
        try {
            String rule = vevent.getProperty(Property.RRULE).map(Property::getValue).orElseThrow();
            Set<Instant> excluded = new HashSet<>();
            for (ExDate<?> exdate : vevent.<ExDate<?>>getProperties(Property.EXDATE)) {
                Optional<ZoneId> named = named(exdate);
                exdate.getDates().forEach(t -> excluded.add(at(t, named, zone).toInstant()));
            }
            ZonedDateTime from = now.atZone(zone).isAfter(begins) ? now.atZone(zone) : begins;
            return new Recur<ZonedDateTime>(rule).getDatesAsStream(begins, from, from.plusYears(5), -1)
                    .filter(t -> !excluded.contains(t.toInstant())).findFirst().orElse(begins);
        } catch (RuntimeException e) {
            return begins; // a rule ical4j cannot expand here: keep the first occurrence
        }
    }

    private static ZonedDateTime at(DateProperty<?> property, ZoneId zone) {
        return at(property.getDate(), named(property), zone);
    }

    /**
     * A time in {@code zone}. A TZID Java knows is read with Java's rules (the file's local time there); any other
     * zone (an Outlook name, say) keeps the instant ical4j read from the file's VTIMEZONE.
     */
    private static ZonedDateTime at(Temporal time, Optional<ZoneId> named, ZoneId zone) {
        return switch (time) {
            case LocalDate date -> date.atStartOfDay(zone);
            case ZonedDateTime zoned -> named.map(id -> zoned.toLocalDateTime().atZone(id)).orElse(zoned)
                    .withZoneSameInstant(zone);
            case OffsetDateTime offset -> offset.atZoneSameInstant(zone);
            case Instant instant -> instant.atZone(zone);
            case LocalDateTime local -> local.atZone(zone);
            default -> throw new InvalidInput("file", "A time in the calendar is not a date or a date-time.");
        };
    }

    /** The property's TZID, when it names a zone Java knows (an Outlook name or one ical4j made up does not). */
    private static Optional<ZoneId> named(Property property) {
        return property.getParameter(Parameter.TZID).map(Parameter::getValue).flatMap(IcsParser::zone);
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return !id.startsWith("ical4j") && (ZoneId.getAvailableZoneIds().contains(id) || "UTC".equals(id))
                    ? Optional.of(ZoneId.of(id)) : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> value(VEvent vevent, String name) {
        return vevent.getProperty(name).map(Property::getValue).filter(v -> !v.isBlank());
    }

    private static boolean isWebAddress(String text) {
        return text.matches("(?i)https?://\\S+");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
