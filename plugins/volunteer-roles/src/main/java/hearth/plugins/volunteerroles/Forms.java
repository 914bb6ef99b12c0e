package hearth.plugins.volunteerroles;

import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.web.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reading the plugin's form fields (and the same fields of JSON bodies) with clear messages. */
public final class Forms {

    private Forms() {
    }

    public static String text(PageRequest request, String name) {
        return request.form(name).orElse("").strip();
    }

    /** A path's numeric id; 404 when it is not one. */
    public static long id(PageRequest request, String name, String what) {
        try {
            return Long.parseLong(request.param(name));
        } catch (NumberFormatException e) {
            throw new NotFound("There is no such " + what + ".");
        }
    }

    /** A whole number field; {@code fallback} when empty. */
    public static long number(PageRequest request, String name, long fallback, String message) {
        String raw = text(request, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, message);
        }
    }

    /** An end date (yyyy-mm-dd, the end of that day UTC) or a number of days from now; null when both are empty. */
    public static Instant ends(PageRequest request, Instant now) {
        String date = text(request, "ends");
        if (!date.isEmpty()) {
            try {
                return LocalDate.parse(date).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInput("ends", "Give the end date as a date, e.g. 2027-03-31.");
            }
        }
        long days = number(request, "days", 0, "Give the number of days as a whole number.");
        if (days < 0 || days > 3650) {
            throw new InvalidInput("days", "Give a number of days from 1 to 3650.");
        }
        return days == 0 ? null : now.plusSeconds(days * 86_400);
    }

    /** A reason that must be given. */
    public static String reason(PageRequest request) {
        String reason = text(request, "reason");
        if (reason.isEmpty()) {
            throw new InvalidInput("reason", "Say why, for the member and the record.");
        }
        return reason;
    }
}
