package hearth.server.events;

import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.api.events.RsvpChanged;
import hearth.api.events.WaitlistPromoted;
import hearth.server.db.Tx;
import java.time.Clock;
import java.time.Instant;
import org.jooq.DSLContext;

/**
 * An event's waitlist: members who answered "going" when it was full, in the order they did. Whenever seats free up
 * (someone leaves, brings fewer guests, the host adds seats) the first in line is promoted while their party fits,
 * strictly in order, and told so. Callers hold the event's row lock, which keeps seats_taken right.
 */
final class Waitlist {

    private final EventNotices notices;
    private final Clock clock;

    Waitlist(EventNotices notices, Clock clock) {
        this.notices = notices;
        this.clock = clock;
    }

    /** Promotes from the front of the line while seats allow (the event row must be locked); returns how many. */
    int promote(Tx tx, long eventId) {
        DSLContext sql = tx.sql();
        var event = sql.select(EVENTS.CAPACITY, EVENTS.SEATS_TAKEN, EVENTS.TITLE, EVENTS.STATUS, EVENTS.STARTS_AT)
                .from(EVENTS).where(EVENTS.ID.eq(eventId)).fetchSingle();
        Instant now = clock.instant();
        if (Event.CANCELLED.equals(event.value4()) || !event.value5().isAfter(now)) {
            return 0;
        }
        Integer capacity = event.value1();
        int seats = event.value2();
        int promoted = 0;
        while (true) {
            var first = sql.select(EVENT_RSVPS.MEMBER_ID, EVENT_RSVPS.GUESTS).from(EVENT_RSVPS)
                    .where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.STATUS.eq(Rsvps.WAITLISTED))
                    .orderBy(EVENT_RSVPS.WAITLISTED_AT, EVENT_RSVPS.MEMBER_ID).limit(1).fetchOptional();
            if (first.isEmpty()) {
                break;
            }
            int party = 1 + first.get().value2();
            if (capacity != null && seats + party > capacity) {
                break;
            }
            long member = first.get().value1();
            sql.update(EVENT_RSVPS).set(EVENT_RSVPS.STATUS, Rsvps.GOING).setNull(EVENT_RSVPS.WAITLISTED_AT)
                    .set(EVENT_RSVPS.UPDATED_AT, now)
                    .where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.MEMBER_ID.eq(member)).execute();
            seats += party;
            promoted++;
            tx.record(new WaitlistPromoted(eventId, member));
            tx.record(new RsvpChanged(eventId, member, Rsvps.WAITLISTED, Rsvps.GOING, first.get().value2()));
            notices.promoted(sql, eventId, event.value3(), member, now);
        }
        if (promoted > 0) {
            sql.update(EVENTS).set(EVENTS.SEATS_TAKEN, seats).where(EVENTS.ID.eq(eventId)).execute();
        }
        return promoted;
    }

    /** The member's place in line (1 is next), or 0 when they are not waiting. */
    static int position(DSLContext sql, long eventId, long memberId) {
        var mine = sql.select(EVENT_RSVPS.WAITLISTED_AT).from(EVENT_RSVPS)
                .where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.MEMBER_ID.eq(memberId),
                        EVENT_RSVPS.STATUS.eq(Rsvps.WAITLISTED)).fetchOptional(EVENT_RSVPS.WAITLISTED_AT);
        if (mine.isEmpty()) {
            return 0;
        }
        Instant at = mine.get();
        return 1 + sql.fetchCount(EVENT_RSVPS, EVENT_RSVPS.EVENT_ID.eq(eventId),
                EVENT_RSVPS.STATUS.eq(Rsvps.WAITLISTED), EVENT_RSVPS.WAITLISTED_AT.lt(at)
                        .or(EVENT_RSVPS.WAITLISTED_AT.eq(at).and(EVENT_RSVPS.MEMBER_ID.lt(memberId))));
    }
}
