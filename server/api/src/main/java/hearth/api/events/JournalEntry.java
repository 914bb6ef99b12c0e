package hearth.api.events;

import java.time.Instant;

/**
 * One event as stored in the journal.
 *
 * @param position   the event's place in the journal: strictly increasing in commit order, never reused
 * @param recordedAt when the transaction that recorded the event ran (UTC)
 * @param event      the event itself
 */
public record JournalEntry(long position, Instant recordedAt, DomainEvent event) {
}
