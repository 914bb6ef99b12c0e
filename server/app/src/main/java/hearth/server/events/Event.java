package hearth.server.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One event (one occurrence of a series) as pages and the API show it. {@code zone} is the host's zone; the viewer's
 * own zone is applied when rendering.
 */
public record Event(long id, long seriesId, boolean detached, long topicId, String topicPath, long categoryId,
                    String categoryName, String categorySlug, long hostId, String hostName, String hostUsername,
                    String title, String descriptionMarkdown, String descriptionHtml, Instant startsAt,
                    Instant endsAt, ZoneId zone, boolean allDay, String onlineUrl, String venue, Integer capacity,
                    int seatsTaken, int guestLimit, Instant rsvpDeadline, Long coverUploadId, String coverUrl,
                    Visibility visibility, String status, String checkInCode, int sequence, String rrule) {

    public static final String SCHEDULED = "scheduled";
    public static final String CANCELLED = "cancelled";

    public String path() {
        return "/events/" + id;
    }

    public boolean cancelled() {
        return CANCELLED.equals(status);
    }

    public boolean ended(Instant now) {
        return !endsAt.isAfter(now);
    }

    public boolean recurring() {
        return seriesId != 0;
    }

    /** Seats left, or -1 without a limit. */
    public int seatsLeft() {
        return capacity == null ? -1 : Math.max(0, capacity - seatsTaken);
    }

    public boolean full() {
        return capacity != null && seatsTaken >= capacity;
    }

    /** Whether answers are still taken at {@code now}: scheduled, not started, before the RSVP deadline. */
    public boolean takesAnswers(Instant now) {
        return !cancelled() && startsAt.isAfter(now) && (rsvpDeadline == null || rsvpDeadline.isAfter(now));
    }

    /** An all-day event's days, as the host meant them: "Sat 1 May 2027" or "Sat 1 May 2027 – Sun 2 May 2027". */
    public String days() {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
        LocalDate first = localStart().toLocalDate();
        LocalDate last = localEnd().minusNanos(1).toLocalDate();
        return last.isAfter(first) ? day.format(first) + " – " + day.format(last) : day.format(first);
    }

    /** The host's zone's name (templates cannot call into java.time's internal zone classes). */
    public String zoneId() {
        return zone.getId();
    }

    /** The start in the host's zone, for "19:00 Europe/Berlin" next to the viewer's time. */
    public LocalDateTime localStart() {
        return LocalDateTime.ofInstant(startsAt, zone);
    }

    public LocalDateTime localEnd() {
        return LocalDateTime.ofInstant(endsAt, zone);
    }

}
