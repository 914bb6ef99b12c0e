package hearth.server.calendars;

import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.EventSeries.EVENT_SERIES;
import static hearth.server.db.schema.tables.Events.EVENTS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/** Reads events for calendars: one by id, or the ones a feed lists. */
final class CalendarEvents {

    /** A feed holds at most this many occurrences (the soonest first). */
    static final int FEED_LIMIT = 1000;

    private CalendarEvents() {
    }

    static Optional<CalendarEvent> find(DSLContext sql, long id) {
        return select(sql).where(EVENTS.ID.eq(id)).fetchOptional(CalendarEvents::event);
    }

    /** Events ending at or after {@code since} where {@code which}, by start. */
    static List<CalendarEvent> list(DSLContext sql, Condition which, Instant since) {
        return select(sql).where(which, EVENTS.ENDS_AT.ge(since))
                .orderBy(EVENTS.STARTS_AT, EVENTS.ID).limit(FEED_LIMIT).fetch(CalendarEvents::event);
    }

    /** A member's own events: hosted, or answered going, interested or waitlisted. */
    static Condition ownedBy(long memberId) {
        return EVENTS.HOST_ID.eq(memberId).or(DSL.exists(DSL.selectOne().from(EVENT_RSVPS)
                .where(EVENT_RSVPS.EVENT_ID.eq(EVENTS.ID), EVENT_RSVPS.MEMBER_ID.eq(memberId),
                        EVENT_RSVPS.STATUS.in("going", "interested", "waitlisted"))));
    }

    private static SelectJoinStep<Record> select(DSLContext sql) {
        return sql.select(EVENTS.asterisk()).select(EVENT_SERIES.RRULE).from(EVENTS)
                .leftJoin(EVENT_SERIES).on(EVENT_SERIES.ID.eq(EVENTS.SERIES_ID));
    }

    private static CalendarEvent event(Record r) {
        return new CalendarEvent(r.get(EVENTS.ID), r.get(EVENTS.SERIES_ID), r.get(EVENTS.DETACHED),
                r.get(EVENT_SERIES.RRULE), r.get(EVENTS.CATEGORY_ID), r.get(EVENTS.HOST_ID), r.get(EVENTS.TITLE),
                r.get(EVENTS.DESCRIPTION_MARKDOWN), r.get(EVENTS.STARTS_AT), r.get(EVENTS.ENDS_AT),
                r.get(EVENTS.TIME_ZONE), r.get(EVENTS.ALL_DAY), r.get(EVENTS.ONLINE_URL), r.get(EVENTS.VENUE),
                r.get(EVENTS.VISIBILITY), "cancelled".equals(r.get(EVENTS.STATUS)), r.get(EVENTS.SEQUENCE),
                r.get(EVENTS.UPDATED_AT));
    }
}
