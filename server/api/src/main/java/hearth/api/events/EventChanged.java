package hearth.api.events;

import java.time.Instant;

/**
 * An event was edited.
 *
 * @param eventId   the event (one occurrence)
 * @param changedBy who edited it
 * @param startsAt  when it starts now
 * @param moved     true when its time or place changed (members who answered are told)
 */
public record EventChanged(long eventId, long changedBy, Instant startsAt, boolean moved) implements DomainEvent {
}
