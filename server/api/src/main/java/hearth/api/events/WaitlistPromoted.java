package hearth.api.events;

/**
 * A seat freed up and the first member on the waitlist now has it.
 *
 * @param eventId  the event (one occurrence)
 * @param memberId the member promoted from the waitlist to going
 */
public record WaitlistPromoted(long eventId, long memberId) implements DomainEvent {
}
