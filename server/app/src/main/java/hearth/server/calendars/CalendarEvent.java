package hearth.server.calendars;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * One events row as calendars need it: what, when (UTC, with the zone the host chose), where, who may see it, and
 * what a calendar client needs to notice changes ({@code sequence}, {@code updatedAt}). {@code rrule} is the series'
 * rule, or null for a one-off event.
 */
public record CalendarEvent(long id, Long seriesId, boolean detached, String rrule, long categoryId, long hostId,
                            String title, String description, Instant startsAt, Instant endsAt, String timeZone,
                            boolean allDay, String onlineUrl, String venue, String visibility, boolean cancelled,
                            int sequence, Instant updatedAt) {

    /** The host's zone; a zone this JVM does not know reads as UTC rather than failing the whole calendar. */
    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** An all-day event's first day, in its zone. */
    public LocalDate firstDay() {
        return startsAt.atZone(zone()).toLocalDate();
    }

    /**
     * The day after an all-day event's last day, the exclusive end calendars want: an end at midnight closes the day
     * before it; the event lasts at least its first day.
     */
    public LocalDate dayAfter() {
        ZonedDateTime end = endsAt.atZone(zone());
        LocalDate after = end.toLocalTime().equals(LocalTime.MIDNIGHT) ? end.toLocalDate() : end.toLocalDate().plusDays(1);
        return after.isAfter(firstDay()) ? after : firstDay().plusDays(1);
    }

    /** Where it happens, for calendars: the venue, else the online address, else null. */
    public String location() {
        if (venue != null && !venue.isBlank()) {
            return venue;
        }
        return onlineUrl == null || onlineUrl.isBlank() ? null : onlineUrl;
    }

    /** Part of a series and still following its rule (not edited on its own). */
    public boolean followsSeries() {
        return seriesId != null && !detached && rrule != null;
    }
}
