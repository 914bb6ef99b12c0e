package hearth.server.calendars;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * VTIMEZONE components from the JVM's own zone rules, so a calendar never depends on the client knowing the zone.
 * A zone that still changes its clocks every year gets one STANDARD and one DAYLIGHT observance with a yearly RRULE
 * (what calendar clients understand best), starting the year before the first event, preceded by any one-off
 * transitions between the first event and that rule's start. A zone without such rules, or whose rule RRULE cannot
 * say exactly (a "Sunday on or after the 2nd" that is sometimes the first and sometimes the second Sunday), gets
 * each of its transitions from the first event to a few years after the last as an observance of its own.
 */
final class TimeZoneComponents {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final int YEARS_AFTER = 5;
    private static final int YEARS_CHECKED = 30;
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private TimeZoneComponents() {
    }

    /** Whether events in {@code zone} are written as UTC times ("Z") instead of with a TZID. */
    static boolean isUtc(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    /** Writes the zone's VTIMEZONE covering {@code from} to {@code until}. */
    static void write(ICalendarText out, ZoneId zone, Instant from, Instant until) {
        ZoneRules rules = zone.getRules();
        out.line("BEGIN", "VTIMEZONE").line("TZID", zone.getId());
        ZoneOffsetTransition first = rules.previousTransition(from.plusSeconds(1));
        if (first == null) {
            ZoneOffset offset = rules.getOffset(from);
            observance(out, "STANDARD", EPOCH, offset, offset, null);
        } else {
            int ruleYear = first.getDateTimeBefore().getYear() - 1;
            Optional<List<Yearly>> yearly = yearly(rules, ruleYear);
            Instant horizon = until.atOffset(ZoneOffset.UTC).plusYears(YEARS_AFTER).toInstant();
            Instant explicitUntil = yearly.map(rulesStart -> rulesStart.stream()
                    .map(y -> y.onset().getInstant()).min(Instant::compareTo).orElseThrow()).orElse(horizon);
            for (ZoneOffsetTransition t = first; t != null && t.getInstant().isBefore(explicitUntil);
                 t = rules.nextTransition(t.getInstant())) {
                observance(out, kind(rules, t), t.getDateTimeBefore(), t.getOffsetBefore(), t.getOffsetAfter(), null);
            }
            yearly.ifPresent(all -> all.forEach(y -> observance(out, kind(rules, y.onset()),
                    y.onset().getDateTimeBefore(), y.onset().getOffsetBefore(), y.onset().getOffsetAfter(),
                    y.rrule())));
        }
        out.line("END", "VTIMEZONE");
    }

    /** A yearly transition: its first onset (in {@code year}) and the RRULE that repeats it. */
    private record Yearly(ZoneOffsetTransition onset, String rrule) {
    }

    /** The zone's yearly rules as RRULEs from {@code year} on, if it has any and each can be said exactly. */
    private static Optional<List<Yearly>> yearly(ZoneRules rules, int year) {
        List<ZoneOffsetTransitionRule> transitionRules = rules.getTransitionRules();
        List<ZoneOffsetTransition> history = rules.getTransitions();
        if (transitionRules.isEmpty()
                || (!history.isEmpty() && history.getLast().getDateTimeAfter().getYear() >= year)) {
            return Optional.empty();
        }
        List<Yearly> yearly = new ArrayList<>();
        for (ZoneOffsetTransitionRule rule : transitionRules) {
            Optional<String> rrule = rrule(rule, year);
            if (rrule.isEmpty()) {
                return Optional.empty();
            }
            yearly.add(new Yearly(rule.createTransition(year), rrule.get()));
        }
        return Optional.of(yearly);
    }

    /**
     * {@code FREQ=YEARLY;BYMONTH=m;BYDAY=nDD} for the rule's onsets (local time before the change), when the n-th (or
     * n-th last) weekday of the month says every one of the next decades exactly; else empty.
     */
    private static Optional<String> rrule(ZoneOffsetTransitionRule rule, int year) {
        LocalDateTime onset = rule.createTransition(year).getDateTimeBefore();
        DayOfWeek day = onset.getDayOfWeek();
        int fromStart = (onset.getDayOfMonth() - 1) / 7 + 1;
        int fromEnd = -((onset.toLocalDate().lengthOfMonth() - onset.getDayOfMonth()) / 7 + 1);
        for (int n : new int[] {fromEnd, fromStart}) {
            if (saysEveryOnset(rule, year, onset, n, day)) {
                return Optional.of("FREQ=YEARLY;BYMONTH=" + onset.getMonthValue() + ";BYDAY=" + n
                        + day.name().substring(0, 2).toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static boolean saysEveryOnset(ZoneOffsetTransitionRule rule, int year, LocalDateTime onset, int n,
                                          DayOfWeek day) {
        for (int y = year; y < year + YEARS_CHECKED; y++) {
            LocalDateTime said = onset.withYear(y).withDayOfMonth(1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
            if (!rule.createTransition(y).getDateTimeBefore().equals(said)) {
                return false;
            }
        }
        return true;
    }

    private static String kind(ZoneRules rules, ZoneOffsetTransition t) {
        return rules.isDaylightSavings(t.getInstant()) ? "DAYLIGHT" : "STANDARD";
    }

    private static void observance(ICalendarText out, String kind, LocalDateTime onset, ZoneOffset from,
                                   ZoneOffset to, String rrule) {
        out.line("BEGIN", kind)
                .line("DTSTART", onset.truncatedTo(ChronoUnit.SECONDS).format(LOCAL))
                .line("TZOFFSETFROM", offset(from))
                .line("TZOFFSETTO", offset(to));
        if (rrule != null) {
            out.line("RRULE", rrule);
        }
        out.line("END", kind);
    }

    /** {@code +0100}, {@code -0330}, {@code +053328} for the odd historical offset with seconds. */
    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String text = String.format("%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? text : text + String.format("%02d", abs % 60);
    }
}
