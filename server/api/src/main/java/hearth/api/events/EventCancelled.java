package hearth.api.events;

/**
 * An event (one occurrence) was cancelled.
 *
 * @param eventId     the event
 * @param cancelledBy who cancelled it
 */
public record EventCancelled(long eventId, long cancelledBy) implements DomainEvent {
}
