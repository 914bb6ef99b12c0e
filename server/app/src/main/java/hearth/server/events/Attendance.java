package hearth.server.events;

import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.errors.Conflict;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.events.AttendeeCheckedIn;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who comes to an event: the attendee list (members may hide themselves from other members, never from hosts), its
 * CSV export, checking in (by a host, or by the member with the code hosts show at the event) and, once the event
 * has ended, the no-shows and the attendance rate.
 */
public final class Attendance {

    /** Check-in opens this long before the start and stays open this long after the end. */
    static final Duration CHECK_IN_EARLY = Duration.ofHours(2);
    static final Duration CHECK_IN_LATE = Duration.ofHours(12);

    /** One member who answered, as the attendee list shows them. */
    public record Attendee(long memberId, String username, String displayName, String status, int guests,
                           boolean hidden, Instant checkedInAt, boolean noShow, Instant answeredAt) {
    }

    /** What hosts see once the event has ended: going, checked in, no-shows and the rate in percent. */
    public record Stats(int going, int checkedIn, int noShows, int ratePercent) {
    }

    private final Database db;
    private final EventVisibility visibility;
    private final Clock clock;

    Attendance(Database db, EventVisibility visibility, Clock clock) {
        this.db = db;
        this.visibility = visibility;
        this.clock = clock;
    }

    /** Going members (and for hosts also the interested and the waitlist); hidden ones only for hosts and themselves. */
    public List<Attendee> list(DSLContext sql, Optional<Viewer> viewer, Event event) {
        boolean host = viewer.filter(v -> visibility.mayChange(v, event)).isPresent();
        Condition which = EVENT_RSVPS.EVENT_ID.eq(event.id());
        if (!host) {
            long me = viewer.map(Viewer::memberId).orElse(0L);
            which = which.and(EVENT_RSVPS.STATUS.eq(Rsvps.GOING))
                    .and(EVENT_RSVPS.HIDDEN.isFalse().or(EVENT_RSVPS.MEMBER_ID.eq(me)));
        } else {
            which = which.and(EVENT_RSVPS.STATUS.ne(Rsvps.NOT_GOING));
        }
        return sql.select(EVENT_RSVPS.MEMBER_ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME, EVENT_RSVPS.STATUS,
                        EVENT_RSVPS.GUESTS, EVENT_RSVPS.HIDDEN, EVENT_RSVPS.CHECKED_IN_AT, EVENT_RSVPS.NO_SHOW,
                        EVENT_RSVPS.UPDATED_AT)
                .from(EVENT_RSVPS).join(MEMBERS).on(MEMBERS.ID.eq(EVENT_RSVPS.MEMBER_ID))
                .where(which, MEMBERS.DELETED_AT.isNull())
                .orderBy(DSL.field(EVENT_RSVPS.STATUS.eq(Rsvps.GOING)).desc(), EVENT_RSVPS.WAITLISTED_AT,
                        MEMBERS.DISPLAY_NAME)
                .fetch(r -> new Attendee(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9()));
    }

    /** The host's full list as CSV (RFC 4180). */
    public String csv(DSLContext sql, Viewer viewer, Event event) {
        mustHost(viewer, event);
        StringBuilder csv = new StringBuilder("username,display_name,status,guests,checked_in_at,no_show\r\n");
        for (Attendee a : list(sql, Optional.of(viewer), event)) {
            csv.append(cell(a.username())).append(',').append(cell(a.displayName())).append(',').append(a.status())
                    .append(',').append(a.guests()).append(',')
                    .append(a.checkedInAt() == null ? "" : a.checkedInAt().toString()).append(',')
                    .append(a.noShow()).append("\r\n");
        }
        return csv.toString();
    }

    public Stats stats(DSLContext sql, long eventId) {
        var row = sql.select(DSL.count(), DSL.count(EVENT_RSVPS.CHECKED_IN_AT),
                        DSL.sum(DSL.when(EVENT_RSVPS.NO_SHOW.isTrue(), 1).otherwise(0)))
                .from(EVENT_RSVPS).where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.STATUS.eq(Rsvps.GOING))
                .fetchSingle();
        int going = row.value1();
        int checkedIn = row.value2();
        int noShows = row.value3() == null ? 0 : row.value3().intValue();
        return new Stats(going, checkedIn, noShows, going == 0 ? 0 : Math.round(100f * checkedIn / going));
    }

    /** A host checks a going member in. */
    public Future<Void> checkIn(Viewer host, long eventId, String username) {
        return db.write(tx -> {
            Rsvps.lock(tx.sql(), eventId);
            Event event = visibility.visible(tx.sql(), Optional.of(host), eventId);
            mustHost(host, event);
            Long member = tx.sql().select(MEMBERS.ID).from(MEMBERS)
                    .where(MEMBERS.USERNAME_KEY.eq(username == null ? "" : username.strip().toLowerCase(Locale.ROOT)))
                    .fetchOptional(MEMBERS.ID).orElseThrow(() -> new InvalidInput("username", "No member is called "
                            + username + "."));
            markCheckedIn(tx, event, member, host.memberId());
            return null;
        });
    }

    /** The member checks themselves in with the code shown at the event. */
    public Future<Void> selfCheckIn(Viewer member, long eventId, String code) {
        return db.write(tx -> {
            Rsvps.lock(tx.sql(), eventId);
            Event event = visibility.visible(tx.sql(), Optional.of(member), eventId);
            String typed = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
            if (!MessageDigest.isEqual(typed.getBytes(StandardCharsets.UTF_8),
                    event.checkInCode().getBytes(StandardCharsets.UTF_8))) {
                throw new InvalidInput("code", "That is not this event's check-in code.");
            }
            markCheckedIn(tx, event, member.memberId(), member.memberId());
            return null;
        });
    }

    /** Whether people can check in at {@code now}: around the event's time, unless it was cancelled. */
    static boolean checkInOpen(Event event, Instant now) {
        return !event.cancelled() && !now.isBefore(event.startsAt().minus(CHECK_IN_EARLY))
                && !now.isAfter(event.endsAt().plus(CHECK_IN_LATE));
    }

    private void markCheckedIn(Tx tx, Event event, long memberId, long by) {
        Instant now = clock.instant();
        if (!checkInOpen(event, now)) {
            throw new Conflict("Check-in is open from two hours before the start until twelve hours after the end.");
        }
        int updated = tx.sql().update(EVENT_RSVPS).set(EVENT_RSVPS.CHECKED_IN_AT, now)
                .set(EVENT_RSVPS.NO_SHOW, false)
                .where(EVENT_RSVPS.EVENT_ID.eq(event.id()), EVENT_RSVPS.MEMBER_ID.eq(memberId),
                        EVENT_RSVPS.STATUS.eq(Rsvps.GOING), EVENT_RSVPS.CHECKED_IN_AT.isNull()).execute();
        if (updated == 1) {
            tx.record(new AttendeeCheckedIn(event.id(), memberId, by));
        } else if (!Rsvps.GOING.equals(Rsvps.answerOf(tx.sql(), event.id(), memberId).status())) {
            throw new Conflict("Only members going to the event can be checked in.");
        }
    }

    /**
     * Marks the members who were going but never checked in as no-shows, for events that ended (blocking; every node
     * runs it periodically, and running it twice changes nothing). Returns how many were marked.
     */
    public int recordNoShows() {
        Instant now = clock.instant();
        return db.transaction(tx -> tx.sql().update(EVENT_RSVPS).set(EVENT_RSVPS.NO_SHOW, true)
                .where(EVENT_RSVPS.STATUS.eq(Rsvps.GOING), EVENT_RSVPS.CHECKED_IN_AT.isNull(),
                        EVENT_RSVPS.NO_SHOW.isFalse(),
                        EVENT_RSVPS.EVENT_ID.in(DSL.select(EVENTS.ID).from(EVENTS).where(EVENTS.ENDS_AT.le(now),
                                EVENTS.ENDS_AT.gt(now.minus(Duration.ofDays(30))),
                                EVENTS.STATUS.eq(Event.SCHEDULED))))
                .execute());
    }

    void mustHost(Viewer viewer, Event event) {
        if (!visibility.mayChange(viewer, event)) {
            throw new Forbidden("Only the event's host and event managers can do that.");
        }
    }

    private static String cell(String text) {
        // A leading =, +, - or @ would run as a formula in a spreadsheet.
        String safe = text.matches("^[=+\\-@].*") ? "'" + text : text;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("'")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
