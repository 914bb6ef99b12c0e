package hearth.plugins.analytics.metrics;

import hearth.api.errors.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whole days {@code from} to {@code to} (both included) of the site's time zone: a day starts at local midnight,
 * so an event at 23:30 local time counts on that day whatever the time in UTC.
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    /** The lengths offered on the dashboard, in days. */
    public static final List<Integer> PRESETS = List.of(7, 30, 90, 365);

    /** The longest period one request may ask for. */
    public static final int MAX_DAYS = 3 * 366;

    /** The period a request asks for: {@code from} and {@code to} dates, or the last {@code days} up to today. */
    public static Period of(Optional<String> days, Optional<String> from, Optional<String> to, LocalDate today,
                            ZoneId zone) {
        if (from.filter(s -> !s.isBlank()).isPresent() || to.filter(s -> !s.isBlank()).isPresent()) {
            LocalDate start = date(from, "from");
            LocalDate end = date(to, "to");
            if (end.isBefore(start)) {
                throw new InvalidInput("to", "The end date comes before the start date.");
            }
            if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
                throw new InvalidInput("from", "Choose at most " + MAX_DAYS + " days.");
            }
            return new Period(start, end, zone);
        }
        int length;
        try {
            length = Integer.parseInt(days.filter(s -> !s.isBlank()).orElse("30").strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("days", "Give the number of days as a whole number, e.g. 30.");
        }
        if (length < 1 || length > MAX_DAYS) {
            throw new InvalidInput("days", "Choose from 1 to " + MAX_DAYS + " days.");
        }
        return new Period(today.minusDays(length - 1L), today, zone);
    }

    private static LocalDate date(Optional<String> value, String field) {
        String text = value.map(String::strip).orElse("");
        if (text.isEmpty()) {
            throw new InvalidInput(field, "Give both dates of a custom period, e.g. 2027-03-01.");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "Give the date as year-month-day, e.g. 2027-03-01.");
        }
    }

    /** How many days it spans. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The period of the same length just before this one, to compare with. */
    public Period previous() {
        return new Period(from.minusDays(days()), from.minusDays(1), zone);
    }

    /** Its days, in order. */
    public List<LocalDate> dates() {
        List<LocalDate> dates = new ArrayList<>(days());
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            dates.add(d);
        }
        return dates;
    }

    /** The instant it starts: local midnight at the start of {@code from}. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The instant just after it: local midnight at the end of {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
