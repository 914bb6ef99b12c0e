package hearth.server.events;

import static hearth.server.db.schema.tables.Uploads.UPLOADS;

import hearth.api.errors.InvalidInput;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Reads an event's fields, as the form and the API send them (all as text), into an {@link EventDraft}, collecting a
 * message per field. Times are local ("2026-12-24T18:00", in {@code timeZone}) or absolute ("...Z", "...+01:00");
 * with {@code allDay} the start and end are dates and the end date is included. Repetition comes as {@code rrule}
 * (API) or as the form's repeat fields.
 */
final class EventForm {

    static final List<String> FIELDS = List.of("title", "description", "category", "startsAt", "endsAt", "timeZone",
            "allDay", "onlineUrl", "venue", "capacity", "guestLimit", "rsvpDeadline", "cover", "visibility",
            "invitees", "repeat", "repeatEvery", "repeatDays", "repeatCount", "repeatUntil", "rrule");
    static final List<String> WEEKDAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private EventForm() {
    }

    /** The draft the fields describe; {@code categoryIds} maps category slugs or ids to ids. */
    static EventDraft parse(DSLContext sql, Map<String, String> fields, ZoneId viewerZone,
                            Map<String, Long> categoryIds) {
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = viewerZone;
        String typedZone = get(fields, "timeZone");
        if (!typedZone.isEmpty()) {
            try {
                zone = ZoneId.of(typedZone);
            } catch (DateTimeException e) {
                errors.put("timeZone", "Not a time zone: use a name like Europe/Berlin or America/New_York.");
            }
        }
        boolean allDay = isYes(get(fields, "allDay"));
        Instant startsAt = time(fields, "startsAt", zone, allDay, false, errors);
        Instant endsAt = time(fields, "endsAt", zone, allDay, true, errors);
        Instant deadline = get(fields, "rsvpDeadline").isEmpty() ? null
                : time(fields, "rsvpDeadline", zone, false, false, errors);
        Long category = categoryIds.get(get(fields, "category"));
        if (category == null) {
            errors.put("category", "Choose a category for the event.");
        }
        Integer capacity = number(fields, "capacity", errors);
        Integer guests = number(fields, "guestLimit", errors);
        Visibility visibility = null;
        try {
            visibility = Visibility.parse(get(fields, "visibility"));
        } catch (InvalidInput e) {
            errors.putAll(e.errors());
        }
        Long cover = cover(sql, get(fields, "cover"), errors);
        Recurrence recurrence = null;
        try {
            recurrence = recurrence(fields, zone, startsAt);
        } catch (InvalidInput e) {
            errors.putAll(e.errors());
        }
        List<String> invitees = Arrays.stream(get(fields, "invitees").split("[,\\s]+"))
                .filter(name -> !name.isBlank()).toList();
        EventDraft draft = new EventDraft(get(fields, "title"), get(fields, "description"),
                category == null ? 0 : category, startsAt, endsAt, zone, allDay, get(fields, "onlineUrl"),
                get(fields, "venue"), capacity, guests == null ? 0 : guests, deadline, cover, visibility, invitees,
                recurrence, null);
        try {
            draft.check();
        } catch (InvalidInput e) {
            e.errors().forEach(errors::putIfAbsent);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return draft;
    }

    /** An event's current values as the form shows them, in the host's zone. */
    static Map<String, String> values(Event event, List<String> invitees) {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", event.title());
        values.put("description", event.descriptionMarkdown());
        values.put("category", String.valueOf(event.categoryId()));
        values.put("timeZone", event.zone().getId());
        values.put("allDay", event.allDay() ? "yes" : "");
        values.put("startsAt", event.localStart().format(local));
        // An all-day event's end is the next midnight; the form shows the last day it covers.
        values.put("endsAt", (event.allDay() ? event.localEnd().minusDays(1) : event.localEnd()).format(local));
        values.put("onlineUrl", event.onlineUrl() == null ? "" : event.onlineUrl());
        values.put("venue", event.venue() == null ? "" : event.venue());
        values.put("capacity", event.capacity() == null ? "" : event.capacity().toString());
        values.put("guestLimit", String.valueOf(event.guestLimit()));
        values.put("rsvpDeadline", event.rsvpDeadline() == null ? ""
                : LocalDateTime.ofInstant(event.rsvpDeadline(), event.zone()).format(local));
        values.put("cover", event.coverUrl() == null ? "" : event.coverUrl());
        values.put("visibility", event.visibility().key());
        values.put("invitees", String.join(", ", invitees));
        return values;
    }

    private static Recurrence recurrence(Map<String, String> fields, ZoneId zone, Instant startsAt) {
        if (!get(fields, "rrule").isEmpty()) {
            return Recurrence.parse(get(fields, "rrule"));
        }
        String repeat = get(fields, "repeat");
        if (repeat.isEmpty() || "none".equals(repeat) || startsAt == null) {
            return null;
        }
        int every = 1;
        if (!get(fields, "repeatEvery").isEmpty()) {
            try {
                every = Integer.parseInt(get(fields, "repeatEvery"));
            } catch (NumberFormatException e) {
                throw new InvalidInput("repeatEvery", "Give a number.");
            }
        }
        int count = 0;
        if (!get(fields, "repeatCount").isEmpty()) {
            try {
                count = Integer.parseInt(get(fields, "repeatCount"));
            } catch (NumberFormatException e) {
                throw new InvalidInput("repeatCount", "Give a number of times.");
            }
        }
        Instant until = null;
        if (!get(fields, "repeatUntil").isEmpty()) {
            try {
                until = Recurrence.endOfDay(LocalDate.parse(get(fields, "repeatUntil")), zone);
            } catch (DateTimeParseException e) {
                throw new InvalidInput("repeatUntil", "Give the last date like 2027-06-30.");
            }
        }
        LocalDate first = LocalDateTime.ofInstant(startsAt, zone).toLocalDate();
        return switch (repeat) {
            case "daily" -> new Recurrence(Recurrence.Frequency.DAILY, every, Set.of(), 0, 0, null, count, until);
            case "weekly" -> new Recurrence(Recurrence.Frequency.WEEKLY, every, weekdays(get(fields, "repeatDays")),
                    0, 0, null, count, until);
            case "monthly-day" -> new Recurrence(Recurrence.Frequency.MONTHLY, every, Set.of(), first.getDayOfMonth(),
                    0, null, count, until);
            case "monthly-weekday" -> {
                int nth = (first.getDayOfMonth() - 1) / 7 + 1;
                yield new Recurrence(Recurrence.Frequency.MONTHLY, every, Set.of(), 0,
                        first.plusWeeks(1).getMonth() != first.getMonth() ? -1 : Math.min(nth, 4),
                        first.getDayOfWeek(), count, until);
            }
            default -> throw new InvalidInput("repeat", "Choose how the event repeats.");
        };
    }

    private static Set<DayOfWeek> weekdays(String typed) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String code : typed.toUpperCase(Locale.ROOT).split("[,\\s]+")) {
            int at = WEEKDAYS.indexOf(code.strip());
            if (at >= 0) {
                days.add(DayOfWeek.of(at + 1));
            }
        }
        return days;
    }

    private static Instant time(Map<String, String> fields, String name, ZoneId zone, boolean allDay, boolean end,
                                Map<String, String> errors) {
        String text = get(fields, name);
        if (text.isEmpty()) {
            return null; // the draft's check names the missing field
        }
        try {
            if (allDay) {
                LocalDate day = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(name, allDay ? "Give a date like 2026-12-24." : "Give a date and time like 2026-12-24T18:00.");
            return null;
        }
    }

    private static Integer number(Map<String, String> fields, String name, Map<String, String> errors) {
        String text = get(fields, name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            errors.put(name, "Give a whole number.");
            return null;
        }
    }

    /** The upload behind a cover image's address ("/uploads/<sha256>.<ext>", as the upload page gives it). */
    private static Long cover(DSLContext sql, String address, Map<String, String> errors) {
        if (address.isEmpty()) {
            return null;
        }
        var m = Pattern.compile("(?:^|/)uploads/([0-9a-f]{64})\\.[a-z]+$").matcher(address);
        Long id = m.find() ? sql.select(UPLOADS.ID).from(UPLOADS).where(UPLOADS.SHA256.eq(m.group(1)))
                .fetchOptional(UPLOADS.ID).orElse(null) : null;
        if (id == null) {
            errors.put("cover", "Upload the image first (Upload image) and paste the address it gives.");
        }
        return id;
    }

    private static boolean isYes(String value) {
        return "yes".equals(value) || "true".equals(value) || "on".equals(value);
    }

    private static String get(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? "" : value.strip();
    }
}
