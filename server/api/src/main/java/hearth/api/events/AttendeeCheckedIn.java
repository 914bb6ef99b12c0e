package hearth.api.events;

/**
 * A member was checked in at an event, by a host or by themselves with the event's code.
 *
 * @param eventId     the event (one occurrence)
 * @param memberId    who attended
 * @param checkedInBy who checked them in (the member themselves for a self check-in)
 */
public record AttendeeCheckedIn(long eventId, long memberId, long checkedInBy) implements DomainEvent {
}
