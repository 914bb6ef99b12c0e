package hearth.server.calendars;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The "add to Google Calendar" address of an event: Google's event template filled in, with local times in the
 * event's zone ({@code ctz}) so Google shows it where the host meant. The description is shortened to keep the
 * address well under the length browsers and Google accept.
 */
public final class GoogleCalendarLink {

    private static final String TEMPLATE = "https://calendar.google.com/calendar/render?action=TEMPLATE";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final int DETAILS = 1000;

    private GoogleCalendarLink() {
    }

    /** The link for {@code event}, whose page is {@code pageUrl}. */
    public static String of(CalendarEvent event, String pageUrl) {
        ZoneId zone = event.zone();
        String dates = event.allDay()
                ? event.firstDay().format(DateTimeFormatter.BASIC_ISO_DATE) + "/"
                        + event.dayAfter().format(DateTimeFormatter.BASIC_ISO_DATE)
                : event.startsAt().atZone(zone).format(LOCAL) + "/" + event.endsAt().atZone(zone).format(LOCAL);
        String description = event.description() == null ? "" : event.description().strip();
        if (description.length() > DETAILS) {
            description = description.substring(0, DETAILS) + "…";
        }
        StringBuilder link = new StringBuilder(TEMPLATE)
                .append("&text=").append(encode(event.title()))
                .append("&dates=").append(dates)
                .append("&details=").append(encode(description.isEmpty() ? pageUrl : description + "\n\n" + pageUrl));
        if (event.location() != null) {
            link.append("&location=").append(encode(event.location()));
        }
        return link.append("&ctz=").append(encode(zone.getId())).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
