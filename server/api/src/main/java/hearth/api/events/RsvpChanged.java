package hearth.api.events;

/**
 * A member answered an event's invitation or changed the answer.
 *
 * @param eventId  the event (one occurrence)
 * @param memberId who answered
 * @param previous the answer before: "none", "going", "interested", "not_going" or "waitlisted"
 * @param status   the answer now, one of the same words
 * @param guests   how many guests the member brings along (going only)
 */
public record RsvpChanged(long eventId, long memberId, String previous, String status, int guests)
        implements DomainEvent {
}
