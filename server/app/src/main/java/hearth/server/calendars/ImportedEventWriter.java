package hearth.server.calendars;

import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.api.events.EventCancelled;
import hearth.api.events.EventChanged;
import hearth.api.events.EventCreated;
import hearth.server.db.Tx;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes one imported event, inside the import's transaction: a new UID gets its discussion topic (started by the
 * admin, in the chosen category) and an events row (public, hosted by the admin) and journals EventCreated; a UID
 * imported before updates that row instead (its category, host and topic stay), raising SEQUENCE when time or place
 * changed, and journals EventChanged or, when the file now says cancelled, EventCancelled. The one place an import
 * writes events, to be switched to the events feature's own service.
 */
final class ImportedEventWriter {

    /** What happened to one imported event. */
    enum Outcome { CREATED, UPDATED, UNCHANGED }

    private static final String CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Discussions discussions;
    private final Markdown markdown;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ImportedEventWriter(Discussions discussions, Markdown markdown, Clock clock) {
        this.discussions = discussions;
        this.markdown = markdown;
        this.clock = clock;
    }

    Outcome write(Tx tx, ImportedEvent event, long categoryId, long adminId) {
        var existing = tx.sql().selectFrom(EVENTS).where(EVENTS.IMPORT_UID.eq(event.importUid())).forUpdate()
                .fetchOptional();
        Instant now = clock.instant();
        String html = markdown.toHtml(event.description());
        if (existing.isEmpty()) {
            String body = event.description().isEmpty() ? "Imported from a calendar." : event.description();
            long topicId = discussions.startTopic(tx, adminId, categoryId, event.title(), body);
            long id = tx.sql().insertInto(EVENTS)
                    .set(EVENTS.TOPIC_ID, topicId).set(EVENTS.CATEGORY_ID, categoryId).set(EVENTS.HOST_ID, adminId)
                    .set(EVENTS.TITLE, event.title()).set(EVENTS.DESCRIPTION_MARKDOWN, event.description())
                    .set(EVENTS.DESCRIPTION_HTML, html).set(EVENTS.STARTS_AT, event.startsAt())
                    .set(EVENTS.ENDS_AT, event.endsAt()).set(EVENTS.TIME_ZONE, event.timeZone())
                    .set(EVENTS.ALL_DAY, event.allDay()).set(EVENTS.ONLINE_URL, event.onlineUrl())
                    .set(EVENTS.VENUE, event.venue()).set(EVENTS.VISIBILITY, "public")
                    .set(EVENTS.STATUS, event.cancelled() ? "cancelled" : "scheduled")
                    .set(EVENTS.CHECK_IN_CODE, checkInCode()).set(EVENTS.SEQUENCE, 0)
                    .set(EVENTS.IMPORT_UID, event.importUid()).set(EVENTS.CREATED_AT, now).set(EVENTS.UPDATED_AT, now)
                    .returning(EVENTS.ID).fetchSingle(EVENTS.ID);
            tx.record(new EventCreated(id, 0, topicId, categoryId, adminId, event.startsAt(), 0));
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

    private String checkInCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(CODE_LETTERS.charAt(random.nextInt(CODE_LETTERS.length())));
        }
        return code.toString();
    }
}
