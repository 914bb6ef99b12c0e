package hearth.server.events;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.EventInvitees.EVENT_INVITEES;
import static hearth.server.db.schema.tables.EventSeries.EVENT_SERIES;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Topics.TOPICS;
import static hearth.server.db.schema.tables.Uploads.UPLOADS;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;

/** Reading events with what pages show beside them (category, host, topic, cover, series rule). */
final class EventRows {

    private EventRows() {
    }

    static Optional<Event> find(DSLContext sql, long id) {
        return select(sql).where(EVENTS.ID.eq(id)).fetchOptional(EventRows::event);
    }

    /** Events matching {@code where}, by start (newest first when {@code newestFirst}). */
    static List<Event> list(DSLContext sql, Condition where, boolean newestFirst, int limit) {
        return select(sql).where(where)
                .orderBy(newestFirst ? EVENTS.STARTS_AT.desc() : EVENTS.STARTS_AT.asc(), EVENTS.ID)
                .limit(limit).fetch(EventRows::event);
    }

    static List<String> invitees(DSLContext sql, long eventId) {
        return sql.select(MEMBERS.USERNAME).from(EVENT_INVITEES).join(MEMBERS)
                .on(MEMBERS.ID.eq(EVENT_INVITEES.MEMBER_ID)).where(EVENT_INVITEES.EVENT_ID.eq(eventId))
                .orderBy(MEMBERS.USERNAME).fetch(MEMBERS.USERNAME);
    }

    private static SelectOnConditionStep<Record> select(DSLContext sql) {
        return sql.select(EVENTS.fields()).select(CATEGORIES.NAME, CATEGORIES.SLUG, MEMBERS.DISPLAY_NAME,
                        MEMBERS.USERNAME, TOPICS.SLUG, UPLOADS.SHA256, UPLOADS.EXTENSION, EVENT_SERIES.RRULE)
                .from(EVENTS)
                .join(CATEGORIES).on(CATEGORIES.ID.eq(EVENTS.CATEGORY_ID))
                .join(MEMBERS).on(MEMBERS.ID.eq(EVENTS.HOST_ID))
                .join(TOPICS).on(TOPICS.ID.eq(EVENTS.TOPIC_ID))
                .leftJoin(UPLOADS).on(UPLOADS.ID.eq(EVENTS.COVER_UPLOAD_ID))
                .leftJoin(EVENT_SERIES).on(EVENT_SERIES.ID.eq(EVENTS.SERIES_ID));
    }

    private static Event event(Record r) {
        String sha = r.get(UPLOADS.SHA256);
        Long series = r.get(EVENTS.SERIES_ID);
        return new Event(r.get(EVENTS.ID), series == null ? 0 : series, r.get(EVENTS.DETACHED),
                r.get(EVENTS.TOPIC_ID), "/t/" + r.get(TOPICS.SLUG) + "/" + r.get(EVENTS.TOPIC_ID),
                r.get(EVENTS.CATEGORY_ID), r.get(CATEGORIES.NAME), r.get(CATEGORIES.SLUG), r.get(EVENTS.HOST_ID),
                r.get(MEMBERS.DISPLAY_NAME), r.get(MEMBERS.USERNAME), r.get(EVENTS.TITLE),
                r.get(EVENTS.DESCRIPTION_MARKDOWN), r.get(EVENTS.DESCRIPTION_HTML), r.get(EVENTS.STARTS_AT),
                r.get(EVENTS.ENDS_AT), ZoneId.of(r.get(EVENTS.TIME_ZONE)), r.get(EVENTS.ALL_DAY),
                r.get(EVENTS.ONLINE_URL), r.get(EVENTS.VENUE), r.get(EVENTS.CAPACITY), r.get(EVENTS.SEATS_TAKEN),
                r.get(EVENTS.GUEST_LIMIT), r.get(EVENTS.RSVP_DEADLINE), r.get(EVENTS.COVER_UPLOAD_ID),
                sha == null ? null : "/uploads/" + sha + "." + r.get(UPLOADS.EXTENSION),
                Visibility.parse(r.get(EVENTS.VISIBILITY)), r.get(EVENTS.STATUS), r.get(EVENTS.CHECK_IN_CODE),
                r.get(EVENTS.SEQUENCE), r.get(EVENT_SERIES.RRULE));
    }
}
