package hearth.server.events;

import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.events.RsvpChanged;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Members' answers to an event: going (with up to the host's guest limit), interested, not going; "going" to a full
 * event joins the waitlist. Every answer locks the event's row first, so seats_taken and the answers change together
 * and racing members can never take more seats than there are.
 */
public final class Rsvps {

    public static final String GOING = "going";
    public static final String INTERESTED = "interested";
    public static final String NOT_GOING = "not_going";
    public static final String WAITLISTED = "waitlisted";
    private static final Set<String> ANSWERS = Set.of(GOING, INTERESTED, NOT_GOING);

    /** A member's answer as stored, with their place in line when waiting. */
    public record Answer(String status, int guests, boolean hidden, int waitlistPosition, boolean checkedIn) {

        public static final Answer NONE = new Answer("none", 0, false, 0, false);
    }

    private final Database db;
    private final EventVisibility visibility;
    private final Waitlist waitlist;
    private final Clock clock;

    Rsvps(Database db, EventVisibility visibility, Waitlist waitlist, Clock clock) {
        this.db = db;
        this.visibility = visibility;
        this.clock = clock;
        this.waitlist = waitlist;
    }

    /**
     * Records the viewer's answer; "going" to a full event puts them on the waitlist. {@code hidden} null keeps
     * whether they hide their name as it was.
     */
    public Future<Answer> answer(Viewer viewer, long eventId, String rawStatus, int guests, Boolean hidden) {
        String status = rawStatus == null ? "" : rawStatus.strip().toLowerCase(Locale.ROOT);
        if (!ANSWERS.contains(status)) {
            throw new InvalidInput("status", "Answer going, interested or not_going.");
        }
        return db.write(tx -> answer(tx, viewer, eventId, status, guests, hidden));
    }

    private Answer answer(Tx tx, Viewer viewer, long eventId, String status, int guests, Boolean hiding) {
        DSLContext sql = tx.sql();
        lock(sql, eventId);
        Event event = visibility.visible(sql, Optional.of(viewer), eventId);
        Instant now = clock.instant();
        if (!event.takesAnswers(now)) {
            throw new Conflict(event.cancelled() ? "This event was cancelled."
                    : event.startsAt().isAfter(now) ? "The RSVP deadline for this event has passed."
                    : "This event has already started.");
        }
        int party = GOING.equals(status) ? guests : 0;
        if (party < 0 || party > event.guestLimit()) {
            throw new InvalidInput("guests", event.guestLimit() == 0 ? "This event takes no guests."
                    : "Bring at most " + event.guestLimit() + (event.guestLimit() == 1 ? " guest." : " guests."));
        }
        var before = sql.select(EVENT_RSVPS.STATUS, EVENT_RSVPS.GUESTS, EVENT_RSVPS.WAITLISTED_AT, EVENT_RSVPS.HIDDEN)
                .from(EVENT_RSVPS)
                .where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.MEMBER_ID.eq(viewer.memberId())).fetchOptional();
        boolean hidden = hiding != null ? hiding : before.map(r -> r.value4()).orElse(false);
        String previous = before.map(r -> r.value1()).orElse("none");
        int held = GOING.equals(previous) ? 1 + before.get().value2() : 0;
        int seats = event.seatsTaken() - held;
        String settled = status;
        Instant waitlistedAt = null;
        if (GOING.equals(status)) {
            if (event.capacity() != null && seats + 1 + party > event.capacity()) {
                if (GOING.equals(previous)) {
                    int left = event.capacity() - seats - 1;
                    throw new InvalidInput("guests", "Only " + Math.max(0, left) + " more seats are left for guests.");
                }
                settled = WAITLISTED;
                waitlistedAt = WAITLISTED.equals(previous) ? before.get().value3() : now;
            } else {
                seats += 1 + party;
            }
        }
        if (before.isPresent()) {
            sql.update(EVENT_RSVPS).set(EVENT_RSVPS.STATUS, settled).set(EVENT_RSVPS.GUESTS, party)
                    .set(EVENT_RSVPS.HIDDEN, hidden).set(EVENT_RSVPS.WAITLISTED_AT, waitlistedAt)
                    .set(EVENT_RSVPS.UPDATED_AT, now)
                    .where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.MEMBER_ID.eq(viewer.memberId())).execute();
        } else {
            sql.insertInto(EVENT_RSVPS).set(EVENT_RSVPS.EVENT_ID, eventId)
                    .set(EVENT_RSVPS.MEMBER_ID, viewer.memberId()).set(EVENT_RSVPS.STATUS, settled)
                    .set(EVENT_RSVPS.GUESTS, party).set(EVENT_RSVPS.HIDDEN, hidden)
                    .set(EVENT_RSVPS.WAITLISTED_AT, waitlistedAt).set(EVENT_RSVPS.UPDATED_AT, now).execute();
        }
        sql.update(EVENTS).set(EVENTS.SEATS_TAKEN, seats).where(EVENTS.ID.eq(eventId)).execute();
        if (!previous.equals(settled) || held != (GOING.equals(settled) ? 1 + party : 0)) {
            tx.record(new RsvpChanged(eventId, viewer.memberId(), previous, settled, party));
        }
        if (seats < event.seatsTaken()) {
            waitlist.promote(tx, eventId);
        }
        return answerOf(sql, eventId, viewer.memberId());
    }

    /** The member's answer to the event (NONE if they gave none). */
    public static Answer answerOf(DSLContext sql, long eventId, long memberId) {
        return sql.select(EVENT_RSVPS.STATUS, EVENT_RSVPS.GUESTS, EVENT_RSVPS.HIDDEN, EVENT_RSVPS.CHECKED_IN_AT)
                .from(EVENT_RSVPS).where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.MEMBER_ID.eq(memberId))
                .fetchOptional(r -> new Answer(r.value1(), r.value2(), r.value3(),
                        WAITLISTED.equals(r.value1()) ? Waitlist.position(sql, eventId, memberId) : 0,
                        r.value4() != null))
                .orElse(Answer.NONE);
    }

    /** Takes the event's row lock for the rest of the transaction (a 404 if there is no such event). */
    static void lock(DSLContext sql, long eventId) {
        if (sql.select(EVENTS.ID).from(EVENTS).where(EVENTS.ID.eq(eventId)).forUpdate().fetchOptional().isEmpty()) {
            throw new NotFound("There is no such event.");
        }
    }
}
