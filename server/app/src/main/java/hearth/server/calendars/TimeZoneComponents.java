package hearth.server.calendars;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * VTIMEZONE components from the JVM's own zone rules, so a calendar never depends on the client knowing the zone.
 * Each offset change between just before the first event and a few years after the last is written as its own
 * STANDARD or DAYLIGHT observance with an explicit onset. Explicit transitions are simpler than recreating the rules
 * as RRULEs and stay right for zones whose rules changed; the margin covers a recurring series' later occurrences
 * (clients keep the last observance beyond it).
 */
final class TimeZoneComponents {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final int YEARS_AFTER = 5;
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private TimeZoneComponents() {
    }

    /** Whether events in {@code zone} are written as UTC times ("Z") instead of with a TZID. */
    static boolean isUtc(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    /** Writes the zone's VTIMEZONE covering {@code from} to {@code until} (plus the margin). */
    static void write(ICalendarText out, ZoneId zone, Instant from, Instant until) {
        ZoneRules rules = zone.getRules();
        out.line("BEGIN", "VTIMEZONE").line("TZID", zone.getId());
        ZoneOffsetTransition first = rules.previousTransition(from.plusSeconds(1));
        if (first == null) {
            ZoneOffset offset = rules.getOffset(from);
            observance(out, "STANDARD", EPOCH, offset, offset);
        } else {
            Instant horizon = until.atOffset(ZoneOffset.UTC).plusYears(YEARS_AFTER).toInstant();
            for (ZoneOffsetTransition t = first; t != null && !t.getInstant().isAfter(horizon);
                 t = rules.nextTransition(t.getInstant())) {
                String kind = rules.isDaylightSavings(t.getInstant()) ? "DAYLIGHT" : "STANDARD";
                observance(out, kind, t.getDateTimeBefore(), t.getOffsetBefore(), t.getOffsetAfter());
            }
        }
        out.line("END", "VTIMEZONE");
    }

    private static void observance(ICalendarText out, String kind, LocalDateTime onset, ZoneOffset from,
                                   ZoneOffset to) {
        out.line("BEGIN", kind)
                .line("DTSTART", onset.truncatedTo(ChronoUnit.SECONDS).format(LOCAL))
                .line("TZOFFSETFROM", offset(from))
                .line("TZOFFSETTO", offset(to))
                .line("END", kind);
    }

    /** {@code +0100}, {@code -0330}, {@code +053328} for the odd historical offset with seconds. */
    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String text = String.format("%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? text : text + String.format("%02d", abs % 60);
    }
}
