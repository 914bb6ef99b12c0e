package hearth.server.calendars;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Recur;

/**
 * Writes events as an RFC 5545 calendar. UIDs are {@code event-<id>@<site host>} for one occurrence and
 * {@code series-<id>@<site host>} for a series, SEQUENCE is the row's, and a cancelled event stays in with
 * STATUS:CANCELLED so subscribed clients drop it. Times carry their TZID and a VTIMEZONE of every zone used.
 *
 * <p>Series: the database holds one row per occurrence. With {@link Series#COMBINED} (the public and category feeds)
 * the occurrences that still follow their series become one VEVENT with the series' RRULE, starting at the earliest
 * of them; every time the rule yields for which no such scheduled occurrence exists (cancelled, edited on its own,
 * outside the feed) becomes an EXDATE, and occurrences edited on their own are written as their own VEVENTs. Writing
 * them that way needs no original start time of an edited occurrence, which RECURRENCE-ID would. A rule with COUNT
 * or UNTIL is written ending at its last occurrence in the feed, so the shortened feed says no more than it knows.
 * With {@link Series#SEPARATE} (one event's download, a member's own feed, where answers are per occurrence) each
 * occurrence is its own VEVENT.
 */
public final class ICalendarWriter {

    /** How a series' occurrences are written. */
    public enum Series { COMBINED, SEPARATE }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int MAX_EXPANSION = 5000;

    private final String base;
    private final String host;

    public ICalendarWriter(URI baseUrl) {
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.host = baseUrl.getHost() == null ? "localhost" : baseUrl.getHost();
    }

    /** The calendar named {@code name} with these events (ordered by start). */
    public String write(String name, List<CalendarEvent> events, Series series) {
        List<Entry> entries = series == Series.COMBINED ? combine(events)
                : events.stream().map(Entry::single).toList();
        ICalendarText out = new ICalendarText()
                .line("BEGIN", "VCALENDAR")
                .line("VERSION", "2.0")
                .line("PRODID", "-//Hearth//Events//EN")
                .line("CALSCALE", "GREGORIAN")
                .text("X-WR-CALNAME", name)
                // How often subscribed clients should look again (RFC 7986, and what Outlook reads).
                .line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
                .line("X-PUBLISHED-TTL", "PT1H");
        writeZones(out, entries);
        if (entries.isEmpty()) { // RFC 5545 wants at least one component, and a feed may be empty for now
            TimeZoneComponents.write(out, ZoneId.of("Etc/UTC"), Instant.EPOCH, Instant.EPOCH);
        }
        entries.forEach(entry -> event(out, entry));
        return out.line("END", "VCALENDAR").toString();
    }

    /** The page of an event on this site. */
    public String page(long eventId) {
        return base + "/events/" + eventId;
    }

    /** One VEVENT to write: an occurrence alone, or a series' occurrences as a rule with exceptions. */
    private record Entry(String uid, CalendarEvent first, String rrule, List<ZonedDateTime> exdates, int sequence,
                         Instant lastModified) {

        static Entry single(CalendarEvent event) {
            return new Entry("event-" + event.id(), event, null, List.of(), event.sequence(), event.updatedAt());
        }
    }

    private List<Entry> combine(List<CalendarEvent> events) {
        Map<Long, List<CalendarEvent>> bySeries = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (CalendarEvent event : events) {
            if (event.followsSeries()) {
                bySeries.computeIfAbsent(event.seriesId(), id -> new ArrayList<>()).add(event);
            } else {
                entries.add(Entry.single(event));
            }
        }
        bySeries.values().forEach(occurrences -> entries.addAll(series(occurrences)));
        entries.sort(Comparator.comparing((Entry e) -> e.first().startsAt()).thenComparing(Entry::uid));
        return entries;
    }

    /** A series' rows as one rule, or each alone if the rule cannot be expanded (it came from outside). */
    private List<Entry> series(List<CalendarEvent> occurrences) {
        List<CalendarEvent> sorted = occurrences.stream().sorted(Comparator.comparing(CalendarEvent::startsAt)).toList();
        List<CalendarEvent> scheduled = sorted.stream().filter(e -> !e.cancelled()).toList();
        CalendarEvent first = scheduled.isEmpty() ? sorted.getFirst() : scheduled.getFirst();
        CalendarEvent last = scheduled.isEmpty() ? sorted.getLast() : scheduled.getLast();
        ZoneId zone = first.zone();
        Recur<ZonedDateTime> recur;
        List<ZonedDateTime> generated;
        try {
            recur = new Recur<>(first.rrule());
            ZonedDateTime seed = first.startsAt().atZone(zone);
            generated = recur.getDates(seed, seed, last.startsAt().atZone(zone).plusSeconds(1), MAX_EXPANSION);
        } catch (RuntimeException e) {
            return sorted.stream().map(Entry::single).toList();
        }
        Set<Instant> ruleTimes = generated.stream().map(ZonedDateTime::toInstant).collect(Collectors.toSet());
        Set<Instant> held = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (CalendarEvent event : scheduled) {
            if (ruleTimes.contains(event.startsAt())) {
                held.add(event.startsAt());
            } else {
                entries.add(Entry.single(event)); // the rule no longer yields it: say it as it is
            }
        }
        if (scheduled.isEmpty() || !held.contains(first.startsAt())) {
            return sorted.stream().map(Entry::single).toList(); // no rule to say, or one its own start does not fit
        }
        List<ZonedDateTime> exdates = generated.stream().filter(t -> !held.contains(t.toInstant())).toList();
        boolean bounded = recur.getCount() > 0 || recur.getUntil() != null;
        String rule = bounded ? until(first.rrule(), last, zone) : first.rrule();
        int sequence = sorted.stream().mapToInt(CalendarEvent::sequence).max().orElse(0);
        Instant modified = sorted.stream().map(CalendarEvent::updatedAt).max(Instant::compareTo).orElseThrow();
        entries.add(new Entry("series-" + first.seriesId(), first, rule, exdates, sequence, modified));
        return entries;
    }

    /** The rule without its COUNT and UNTIL, ending (UNTIL, in UTC as RFC 5545 asks with a TZID) at {@code last}. */
    private static String until(String rrule, CalendarEvent last, ZoneId zone) {
        String kept = Arrays.stream(rrule.split(";"))
                .filter(part -> !part.startsWith("COUNT=") && !part.startsWith("UNTIL="))
                .collect(Collectors.joining(";"));
        String end = last.allDay() ? last.startsAt().atZone(zone).toLocalDate().format(DATE)
                : UTC.format(last.startsAt());
        return kept + ";UNTIL=" + end;
    }

    private void writeZones(ICalendarText out, List<Entry> entries) {
        Map<String, Instant[]> spans = new TreeMap<>();
        for (Entry entry : entries) {
            CalendarEvent event = entry.first();
            ZoneId zone = event.zone();
            if (event.allDay() || TimeZoneComponents.isUtc(zone)) {
                continue;
            }
            Instant end = entry.rrule() == null ? event.endsAt() : event.endsAt().plus(366, ChronoUnit.DAYS);
            spans.merge(zone.getId(), new Instant[] {event.startsAt(), end}, (a, b) -> new Instant[] {
                    a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        spans.forEach((zone, span) -> TimeZoneComponents.write(out, ZoneId.of(zone), span[0], span[1]));
    }

    private void event(ICalendarText out, Entry entry) {
        CalendarEvent event = entry.first();
        ZoneId zone = event.zone();
        out.line("BEGIN", "VEVENT")
                .line("UID", entry.uid() + "@" + host)
                .line("DTSTAMP", UTC.format(entry.lastModified()))
                .line("LAST-MODIFIED", UTC.format(entry.lastModified()));
        if (event.allDay()) {
            out.line("DTSTART;VALUE=DATE", event.firstDay().format(DATE))
                    .line("DTEND;VALUE=DATE", event.dayAfter().format(DATE));
        } else {
            time(out, "DTSTART", event.startsAt(), zone);
            time(out, "DTEND", event.endsAt().isAfter(event.startsAt()) ? event.endsAt()
                    : event.startsAt().plus(1, ChronoUnit.HOURS), zone);
        }
        if (entry.rrule() != null) {
            out.line("RRULE", entry.rrule());
            if (!entry.exdates().isEmpty()) {
                exdates(out, entry.exdates(), event.allDay(), zone);
            }
        }
        out.text("SUMMARY", event.title());
        String page = page(event.id());
        String description = event.description() == null ? "" : event.description().strip();
        out.text("DESCRIPTION", description.isEmpty() ? page : description + "\n\n" + page);
        out.line("URL;VALUE=URI", page);
        if (event.location() != null) {
            out.text("LOCATION", event.location());
        }
        out.line("SEQUENCE", String.valueOf(entry.sequence()))
                .line("STATUS", event.cancelled() ? "CANCELLED" : "CONFIRMED")
                .line("END", "VEVENT");
    }

    private static void time(ICalendarText out, String name, Instant at, ZoneId zone) {
        if (TimeZoneComponents.isUtc(zone)) {
            out.line(name, UTC.format(at));
        } else {
            out.line(name + ";TZID=" + zone.getId(), at.atZone(zone).format(TimeZoneComponents.LOCAL));
        }
    }

    private static void exdates(ICalendarText out, List<ZonedDateTime> times, boolean allDay, ZoneId zone) {
        Set<String> values = new LinkedHashSet<>();
        for (ZonedDateTime time : times) {
            values.add(allDay ? time.toLocalDate().format(DATE) : TimeZoneComponents.isUtc(zone)
                    ? UTC.format(time.toInstant()) : time.format(TimeZoneComponents.LOCAL));
        }
        String name = allDay ? "EXDATE;VALUE=DATE" : TimeZoneComponents.isUtc(zone) ? "EXDATE"
                : "EXDATE;TZID=" + zone.getId();
        out.line(name, String.join(",", values));
    }
}
