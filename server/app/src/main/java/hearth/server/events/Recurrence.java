package hearth.server.events;

import hearth.api.errors.InvalidInput;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The subset of RFC 5545 recurrence rules events offer: daily, weekly on chosen weekdays, every N weeks, monthly by
 * day of month or by weekday ("second Tuesday", "last Friday"), ending on a date or after a count. Pure: it parses and
 * writes the RRULE text and expands it into start times. Expansion walks local dates in the event's zone and keeps
 * the local time of day, so a 19:00 meetup stays at 19:00 when daylight saving time begins or ends.
 *
 * @param frequency  daily, weekly or monthly
 * @param interval   every how many days, weeks or months (1 or more)
 * @param weekdays   weekly: the chosen days (empty: the first occurrence's day, as RFC 5545 says)
 * @param monthDay   monthly by day: the day of the month (1 to 31; months without it are skipped), else 0
 * @param weekdayNth monthly by weekday: which one in the month (1 to 4, or -1 for the last), else 0
 * @param weekday    monthly by weekday: the day, else null
 * @param count      how many occurrences at most, or 0
 * @param until      the last moment an occurrence may start, or null
 */
public record Recurrence(Frequency frequency, int interval, Set<DayOfWeek> weekdays, int monthDay, int weekdayNth,
                         DayOfWeek weekday, int count, Instant until) {

    /** Occurrences materialised at most, whatever the rule says. */
    public static final int MAX_OCCURRENCES = 200;
    /** How far ahead occurrences are materialised at most, from the first one. */
    public static final int MAX_YEARS = 2;

    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Map<String, DayOfWeek> DAYS = Map.of("MO", DayOfWeek.MONDAY, "TU", DayOfWeek.TUESDAY,
            "WE", DayOfWeek.WEDNESDAY, "TH", DayOfWeek.THURSDAY, "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY,
            "SU", DayOfWeek.SUNDAY);

    public enum Frequency { DAILY, WEEKLY, MONTHLY }

    public Recurrence {
        if (interval < 1 || interval > 99) {
            throw new InvalidInput("repeatEvery", "Repeat every 1 to 99 days, weeks or months.");
        }
        if (count < 0 || count > MAX_OCCURRENCES) {
            throw new InvalidInput("repeatCount", "Repeat at most " + MAX_OCCURRENCES + " times.");
        }
        if (count == 0 && until == null) {
            throw new InvalidInput("repeatUntil", "Say when the repetition ends: a last date or a number of times.");
        }
        weekdays = weekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
        if (frequency == Frequency.MONTHLY && (monthDay == 0) == (weekday == null)) {
            throw new InvalidInput("repeat", "A monthly repetition is either by day of month or by weekday.");
        }
        if (monthDay < 0 || monthDay > 31 || weekdayNth < -1 || weekdayNth > 4 || (weekday != null && weekdayNth == 0)) {
            throw new InvalidInput("repeat", "Choose a day of the month from 1 to 31, or the 1st to 4th or last weekday.");
        }
    }

    /** Reads an RRULE value (with or without the "RRULE:" prefix); anything outside the subset is refused. */
    public static Recurrence parse(String rrule) {
        String text = rrule == null ? "" : rrule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new InvalidInput("rrule", "Not a recurrence rule: " + rrule);
            }
            parts.put(part.substring(0, eq).toUpperCase(Locale.ROOT), part.substring(eq + 1).toUpperCase(Locale.ROOT));
        }
        Frequency frequency;
        try {
            frequency = Frequency.valueOf(parts.getOrDefault("FREQ", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("rrule", "Events repeat daily, weekly or monthly (FREQ=DAILY, WEEKLY or MONTHLY).");
        }
        Set<String> known = Set.of("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST");
        if (!known.containsAll(parts.keySet())) {
            throw new InvalidInput("rrule", "Unsupported parts in the recurrence rule: " + parts.keySet());
        }
        int interval = number(parts.getOrDefault("INTERVAL", "1"), "INTERVAL");
        int count = parts.containsKey("COUNT") ? number(parts.get("COUNT"), "COUNT") : 0;
        Instant until = parts.containsKey("UNTIL") ? until(parts.get("UNTIL")) : null;
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        int monthDay = 0;
        int nth = 0;
        DayOfWeek weekday = null;
        String byDay = parts.getOrDefault("BYDAY", "");
        if (frequency == Frequency.MONTHLY) {
            if (parts.containsKey("BYMONTHDAY")) {
                monthDay = number(parts.get("BYMONTHDAY"), "BYMONTHDAY");
            } else if (!byDay.isEmpty()) {
                if (!byDay.matches("-?[1-4][A-Z]{2}")) {
                    throw new InvalidInput("rrule", "Monthly by weekday looks like BYDAY=2TU or BYDAY=-1FR.");
                }
                nth = Integer.parseInt(byDay.substring(0, byDay.length() - 2));
                weekday = day(byDay.substring(byDay.length() - 2));
            } else {
                throw new InvalidInput("rrule", "A monthly rule needs BYMONTHDAY or BYDAY.");
            }
        } else if (!byDay.isEmpty()) {
            if (frequency != Frequency.WEEKLY) {
                throw new InvalidInput("rrule", "Weekdays (BYDAY) go with a weekly rule.");
            }
            for (String d : byDay.split(",")) {
                weekdays.add(day(d));
            }
        }
        return new Recurrence(frequency, interval, weekdays, monthDay, nth, weekday, count, until);
    }

    /** The RRULE value (without the "RRULE:" prefix), as stored in event_series.rrule. */
    public String toRrule() {
        StringBuilder rule = new StringBuilder("FREQ=").append(frequency);
        if (interval > 1) {
            rule.append(";INTERVAL=").append(interval);
        }
        if (!weekdays.isEmpty()) {
            rule.append(";BYDAY=").append(new TreeSet<>(weekdays).stream().map(Recurrence::code)
                    .collect(Collectors.joining(",")));
        }
        if (monthDay > 0) {
            rule.append(";BYMONTHDAY=").append(monthDay);
        }
        if (weekday != null) {
            rule.append(";BYDAY=").append(weekdayNth).append(code(weekday));
        }
        if (count > 0) {
            rule.append(";COUNT=").append(count);
        }
        if (until != null) {
            rule.append(";UNTIL=").append(UTC_STAMP.format(until));
        }
        return rule.toString();
    }

    /**
     * The start times of the occurrences, beginning on or after {@code first} (a local date and time in
     * {@code zone}), in order, at most {@link #MAX_OCCURRENCES} and at most {@link #MAX_YEARS} ahead of the first.
     * A local time that does not exist on a day (skipped by a DST change) moves forward by the gap.
     */
    public List<Instant> starts(LocalDateTime first, ZoneId zone) {
        List<Instant> starts = new ArrayList<>();
        LocalDate horizon = first.toLocalDate().plusYears(MAX_YEARS);
        int limit = count > 0 ? count : MAX_OCCURRENCES;
        LocalTime time = first.toLocalTime();
        Set<DayOfWeek> days = weekdays.isEmpty() ? Set.of(first.getDayOfWeek()) : weekdays;
        for (LocalDate period = periodStart(first.toLocalDate()); !period.isAfter(horizon);
             period = nextPeriod(period)) {
            for (LocalDate day : daysIn(period, days)) {
                if (day.isBefore(first.toLocalDate()) || day.isAfter(horizon)) {
                    continue;
                }
                Instant start = ZonedDateTime.of(day, time, zone).toInstant();
                if (until != null && start.isAfter(until)) {
                    return starts;
                }
                starts.add(start);
                if (starts.size() >= limit) {
                    return starts;
                }
            }
        }
        return starts;
    }

    /** The last moment of {@code lastDay} in {@code zone}: the UNTIL for "ends on this date". */
    public static Instant endOfDay(LocalDate lastDay, ZoneId zone) {
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
    }

    private LocalDate periodStart(LocalDate first) {
        return switch (frequency) {
            case DAILY -> first;
            case WEEKLY -> first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> first.withDayOfMonth(1);
        };
    }

    private LocalDate nextPeriod(LocalDate period) {
        return switch (frequency) {
            case DAILY -> period.plusDays(interval);
            case WEEKLY -> period.plusWeeks(interval);
            case MONTHLY -> period.plusMonths(interval);
        };
    }

    /** The occurrence days within one period (a day, a Monday-started week, a month), in order. */
    private List<LocalDate> daysIn(LocalDate period, Set<DayOfWeek> days) {
        return switch (frequency) {
            case DAILY -> List.of(period);
            case WEEKLY -> new TreeSet<>(days).stream().map(d -> period.plusDays(d.getValue() - 1L)).toList();
            case MONTHLY -> {
                if (monthDay > 0) {
                    yield monthDay <= period.lengthOfMonth() ? List.of(period.withDayOfMonth(monthDay)) : List.of();
                }
                yield List.of(weekdayNth == -1 ? period.with(TemporalAdjusters.lastInMonth(weekday))
                        : period.with(TemporalAdjusters.dayOfWeekInMonth(weekdayNth, weekday)));
            }
        };
    }

    /** A short description for people: "every 2 weeks on Tuesday, Thursday, 10 times". */
    public String describe() {
        String unit = switch (frequency) {
            case DAILY -> interval == 1 ? "every day" : "every " + interval + " days";
            case WEEKLY -> interval == 1 ? "every week" : "every " + interval + " weeks";
            case MONTHLY -> interval == 1 ? "every month" : "every " + interval + " months";
        };
        StringBuilder text = new StringBuilder(unit);
        if (!weekdays.isEmpty()) {
            text.append(" on ").append(new TreeSet<>(weekdays).stream().map(Recurrence::name)
                    .collect(Collectors.joining(", ")));
        }
        if (monthDay > 0) {
            text.append(" on day ").append(monthDay);
        }
        if (weekday != null) {
            text.append(" on the ").append(weekdayNth == -1 ? "last" : ordinal(weekdayNth)).append(' ')
                    .append(name(weekday));
        }
        if (count > 0) {
            text.append(", ").append(count).append(count == 1 ? " time" : " times");
        }
        if (until != null) {
            text.append(", until ").append(until.truncatedTo(ChronoUnit.DAYS).toString(), 0, 10);
        }
        return text.toString();
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            default -> "fourth";
        };
    }

    private static String name(DayOfWeek day) {
        String lower = day.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String code(DayOfWeek day) {
        return day.name().substring(0, 2);
    }

    private static DayOfWeek day(String code) {
        DayOfWeek day = DAYS.get(code.strip());
        if (day == null) {
            throw new InvalidInput("rrule", "Not a weekday: " + code + " (use MO, TU, WE, TH, FR, SA, SU).");
        }
        return day;
    }

    private static int number(String text, String part) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("rrule", part + " must be a number.");
        }
    }

    private static Instant until(String text) {
        try {
            if (text.length() == 8) {
                return endOfDay(LocalDate.parse(text, DATE), ZoneOffset.UTC);
            }
            return UTC_STAMP.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("rrule", "UNTIL must look like 20271231 or 20271231T235959Z.");
        }
    }
}
