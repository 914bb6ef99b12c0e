package hearth.server.events;

import hearth.api.errors.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a host says about an event, from a form, the API or an import: {@link #check} refuses what cannot be saved,
 * with a message per field. Times are instants; {@code zone} is the zone the host thinks in (pages show it, and a
 * recurrence repeats in it). For a series, {@code rsvpDeadline} applies to the first occurrence and moves with each.
 *
 * @param capacity     seats (going members plus their guests), or null for no limit
 * @param recurrence   how it repeats, or null for a one-off
 * @param importUid    the iCalendar UID it was imported from, or null
 */
public record EventDraft(String title, String description, long categoryId, Instant startsAt, Instant endsAt,
                         ZoneId zone, boolean allDay, String onlineUrl, String venue, Integer capacity, int guestLimit,
                         Instant rsvpDeadline, Long coverUploadId, Visibility visibility, List<String> invitees,
                         Recurrence recurrence, String importUid) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 20_000;
    public static final Duration MAX_LENGTH = Duration.ofDays(14);

    public EventDraft {
        title = title == null ? "" : title.strip();
        description = description == null ? "" : description.strip();
        onlineUrl = onlineUrl == null || onlineUrl.isBlank() ? null : onlineUrl.strip();
        venue = venue == null || venue.isBlank() ? null : venue.strip();
        visibility = visibility == null ? Visibility.PUBLIC : visibility;
        invitees = invitees == null ? List.of() : List.copyOf(invitees);
    }

    /** Refuses a draft that cannot be saved, naming every field that is wrong. */
    public EventDraft check() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (title.length() < 3 || title.length() > MAX_TITLE) {
            errors.put("title", "Give the event a title of 3 to " + MAX_TITLE + " characters.");
        }
        if (description.length() > MAX_DESCRIPTION) {
            errors.put("description", "Keep the description under " + MAX_DESCRIPTION + " characters.");
        }
        if (startsAt == null) {
            errors.put("startsAt", "Say when the event starts.");
        }
        if (endsAt == null) {
            errors.put("endsAt", "Say when the event ends.");
        } else if (startsAt != null && !endsAt.isAfter(startsAt)) {
            errors.put("endsAt", "The end must come after the start.");
        } else if (startsAt != null && Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            errors.put("endsAt", "An event lasts at most 14 days.");
        }
        if (onlineUrl != null && !isWebAddress(onlineUrl)) {
            errors.put("onlineUrl", "Give the online address as a full https:// or http:// link.");
        }
        if (onlineUrl != null && onlineUrl.length() > 500) {
            errors.put("onlineUrl", "Keep the link under 500 characters.");
        }
        if (venue != null && venue.length() > 300) {
            errors.put("venue", "Keep the venue under 300 characters.");
        }
        if (capacity != null && (capacity < 1 || capacity > 100_000)) {
            errors.put("capacity", "Give the seats as a number from 1 to 100000, or leave it empty for no limit.");
        }
        if (guestLimit < 0 || guestLimit > 20) {
            errors.put("guestLimit", "Members may bring 0 to 20 guests.");
        }
        if (rsvpDeadline != null && startsAt != null && rsvpDeadline.isAfter(startsAt)) {
            errors.put("rsvpDeadline", "The RSVP deadline must be before the start.");
        }
        if (visibility == Visibility.INVITE && invitees.isEmpty()) {
            errors.put("invitees", "Name at least one member to invite, or choose another visibility.");
        }
        if (invitees.size() > 500) {
            errors.put("invitees", "Invite at most 500 members.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return this;
    }

    private static boolean isWebAddress(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
