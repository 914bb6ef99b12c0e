package hearth.server.events;

import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.MemberDeleted;
import hearth.api.events.RsvpChanged;
import hearth.server.db.Database;
import java.time.Clock;
import java.time.Instant;

/**
 * Gives up a deleted member's seats at events still to come, so the waitlist moves up. A journal listener: after
 * the deletion commits, at least once; a second run finds nothing left to give up.
 */
public final class DeletedMemberRsvps implements EventListener {

    /** The listener's cursor id in the journal. */
    public static final String ID = "core.events.deleted-members";

    private final Database db;
    private final Waitlist waitlist;
    private final Clock clock;

    DeletedMemberRsvps(Database db, Waitlist waitlist, Clock clock) {
        this.db = db;
        this.waitlist = waitlist;
        this.clock = clock;
    }

    @Override
    public void on(JournalEntry entry) {
        if (!(entry.event() instanceof MemberDeleted deleted)) {
            return;
        }
        Instant now = clock.instant();
        for (long eventId : db.query(sql -> sql.select(EVENT_RSVPS.EVENT_ID).from(EVENT_RSVPS).join(EVENTS)
                .on(EVENTS.ID.eq(EVENT_RSVPS.EVENT_ID))
                .where(EVENT_RSVPS.MEMBER_ID.eq(deleted.memberId()), EVENTS.STARTS_AT.gt(now),
                        EVENT_RSVPS.STATUS.ne(Rsvps.NOT_GOING))
                .fetch(EVENT_RSVPS.EVENT_ID))) {
            db.transaction(tx -> {
                Rsvps.lock(tx.sql(), eventId);
                var rsvp = tx.sql().select(EVENT_RSVPS.STATUS, EVENT_RSVPS.GUESTS).from(EVENT_RSVPS)
                        .where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.MEMBER_ID.eq(deleted.memberId()))
                        .fetchSingle();
                if (Rsvps.NOT_GOING.equals(rsvp.value1())) {
                    return null;
                }
                tx.sql().update(EVENT_RSVPS).set(EVENT_RSVPS.STATUS, Rsvps.NOT_GOING).set(EVENT_RSVPS.GUESTS, 0)
                        .setNull(EVENT_RSVPS.WAITLISTED_AT).set(EVENT_RSVPS.UPDATED_AT, now)
                        .where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.MEMBER_ID.eq(deleted.memberId()))
                        .execute();
                tx.record(new RsvpChanged(eventId, deleted.memberId(), rsvp.value1(), Rsvps.NOT_GOING, 0));
                if (Rsvps.GOING.equals(rsvp.value1())) {
                    tx.sql().update(EVENTS).set(EVENTS.SEATS_TAKEN, EVENTS.SEATS_TAKEN.minus(1 + rsvp.value2()))
                            .where(EVENTS.ID.eq(eventId)).execute();
                    waitlist.promote(tx, eventId);
                }
                return null;
            });
        }
    }
}
