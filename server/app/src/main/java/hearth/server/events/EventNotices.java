package hearth.server.events;

import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.notifications.MemberNotifications;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The in-app notifications of events, written in the transaction of the change that causes them: an invitation, a
 * cancelled or moved event (to everyone who answered going, interested or is waiting), a waitlist promotion, a
 * reminder.
 */
final class EventNotices {

    /** The notification kind (mailed under the member's "other" email preference). */
    static final String KIND = "event";

    private final MemberNotifications notifications;

    EventNotices(MemberNotifications notifications) {
        this.notifications = notifications;
    }

    void invited(DSLContext sql, long eventId, String title, long memberId, long hostId) {
        notifications.notify(sql, memberId, KIND, hostId, "invited you to " + title, "/events/" + eventId,
                "event-invited:" + eventId + ":" + memberId);
    }

    void cancelled(DSLContext sql, Event event, long actorId, int sequence) {
        for (long member : answered(sql, event.id(), actorId)) {
            notifications.notify(sql, member, KIND, actorId, "cancelled " + event.title(), event.path(),
                    "event-cancelled:" + event.id() + ":" + sequence + ":" + member);
        }
    }

    void moved(DSLContext sql, Event event, long actorId, int sequence) {
        for (long member : answered(sql, event.id(), actorId)) {
            notifications.notify(sql, member, KIND, actorId, "changed the time or place of " + event.title(),
                    event.path(), "event-moved:" + event.id() + ":" + sequence + ":" + member);
        }
    }

    void promoted(DSLContext sql, long eventId, String title, long memberId, Instant at) {
        notifications.notify(sql, memberId, KIND, null, "A seat freed up: you are going to " + title,
                "/events/" + eventId, "event-promoted:" + eventId + ":" + memberId + ":" + at.toEpochMilli());
    }

    void reminder(DSLContext sql, long eventId, String title, long memberId, String when, int leadMinutes) {
        notifications.notify(sql, memberId, KIND, null, "Reminder: " + title + " starts " + when,
                "/events/" + eventId, "event-reminder:" + eventId + ":" + memberId + ":" + leadMinutes);
    }

    private static List<Long> answered(DSLContext sql, long eventId, long except) {
        return sql.select(EVENT_RSVPS.MEMBER_ID).from(EVENT_RSVPS).join(MEMBERS)
                .on(MEMBERS.ID.eq(EVENT_RSVPS.MEMBER_ID))
                .where(EVENT_RSVPS.EVENT_ID.eq(eventId), EVENT_RSVPS.STATUS.in(Rsvps.GOING, Rsvps.INTERESTED,
                        Rsvps.WAITLISTED), EVENT_RSVPS.MEMBER_ID.ne(except), MEMBERS.DELETED_AT.isNull())
                .fetch(EVENT_RSVPS.MEMBER_ID);
    }
}
