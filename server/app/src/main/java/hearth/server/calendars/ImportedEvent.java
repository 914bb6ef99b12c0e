package hearth.server.calendars;

import java.time.Instant;

/**
 * An event read from an imported iCalendar file: {@code importUid} is the VEVENT's UID (with its RECURRENCE-ID when it
 * overrides one occurrence), so importing the file again updates instead of duplicating.
 */
public record ImportedEvent(String importUid, String title, String description, Instant startsAt, Instant endsAt,
                            String timeZone, boolean allDay, String venue, String onlineUrl, boolean cancelled) {
}
