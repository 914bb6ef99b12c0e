package hearth.plugins.moderation;

import java.time.Instant;

/**
 * One thing that happened to or by a member, as the staff's member timeline shows it. Public because templates read
 * its components by reflection and the JSON API serialises it.
 *
 * @param at   when it happened
 * @param kind what it was, a short key such as {@code post}, {@code warn}, {@code note} or {@code flag.received}
 * @param text what to show, plain text (templates escape it)
 * @param link where to read more (a path on the site), or null
 */
public record TimelineItem(Instant at, String kind, String text, String link) {
}
