package hearth.server.calendars;

import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.api.events.EventCancelled;
import hearth.api.events.EventChanged;
import hearth.server.db.Tx;
import hearth.server.events.EventDraft;
import hearth.server.events.Events;
import hearth.server.events.Visibility;
import hearth.server.discussions.Markdown;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Writes one imported event, inside the import's transaction: a new UID gets its discussion topic (started by the
 * admin, in the chosen category) and an events row (public, hosted by the admin) through the events feature; a UID
 * imported before updates that row instead (its category, host and topic stay), raising SEQUENCE when time or place
 * changed, and journals EventChanged or, when the file now says cancelled, EventCancelled.
 */
final class ImportedEventWriter {

    /** What happened to one imported event. */
    enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final Events events;
    private final Markdown markdown;
    private final Clock clock;

    ImportedEventWriter(Events events, Markdown markdown, Clock clock) {
        this.events = events;
        this.markdown = markdown;
        this.clock = clock;
    }

    Outcome write(Tx tx, ImportedEvent event, long categoryId, long adminId) {
        var existing = tx.sql().selectFrom(EVENTS).where(EVENTS.IMPORT_UID.eq(event.importUid())).forUpdate()
                .fetchOptional();
        Instant now = clock.instant();
        String html = markdown.toHtml(event.description());
        if (existing.isEmpty()) {
            // New events go through the events feature, as a host's would: checks, topic, row, journal.
            long id = events.create(tx, new EventDraft(event.title(), event.description(), categoryId,
                    event.startsAt(), event.endsAt(), ZoneId.of(event.timeZone()), event.allDay(), event.onlineUrl(),
                    event.venue(), null, 0, null, null, Visibility.PUBLIC, List.of(), null, event.importUid()),
                    adminId);
            if (event.cancelled()) {
                tx.sql().update(EVENTS).set(EVENTS.STATUS, "cancelled").where(EVENTS.ID.eq(id)).execute();
                tx.record(new EventCancelled(id, adminId));
            }
            return Outcome.CREATED;
        }
        var row = existing.get();
        boolean moved = !row.getStartsAt().equals(event.startsAt()) || !row.getEndsAt().equals(event.endsAt())
                || row.getAllDay() != event.allDay() || !row.getTimeZone().equals(event.timeZone())
                || !Objects.equals(row.getVenue(), event.venue())
                || !Objects.equals(row.getOnlineUrl(), event.onlineUrl());
        boolean cancelling = event.cancelled() && !"cancelled".equals(row.getStatus());
        boolean reinstated = !event.cancelled() && "cancelled".equals(row.getStatus());
        boolean retold = !row.getTitle().equals(event.title())
                || !row.getDescriptionMarkdown().equals(event.description());
        if (!moved && !cancelling && !reinstated && !retold) {
            return Outcome.UNCHANGED;
        }
        boolean clientsMustSee = moved || cancelling || reinstated;
        tx.sql().update(EVENTS)
                .set(EVENTS.TITLE, event.title()).set(EVENTS.DESCRIPTION_MARKDOWN, event.description())
                .set(EVENTS.DESCRIPTION_HTML, html).set(EVENTS.STARTS_AT, event.startsAt())
                .set(EVENTS.ENDS_AT, event.endsAt()).set(EVENTS.TIME_ZONE, event.timeZone())
                .set(EVENTS.ALL_DAY, event.allDay()).set(EVENTS.ONLINE_URL, event.onlineUrl())
                .set(EVENTS.VENUE, event.venue()).set(EVENTS.STATUS, event.cancelled() ? "cancelled" : "scheduled")
                .set(EVENTS.SEQUENCE, row.getSequence() + (clientsMustSee ? 1 : 0)).set(EVENTS.UPDATED_AT, now)
                .where(EVENTS.ID.eq(row.getId())).execute();
        if (cancelling) {
            tx.record(new EventCancelled(row.getId(), adminId));
        } else {
            tx.record(new EventChanged(row.getId(), adminId, event.startsAt(), moved));
        }
        return Outcome.UPDATED;
    }
}
