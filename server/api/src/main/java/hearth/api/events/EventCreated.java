package hearth.api.events;

import java.time.Instant;

/**
 * A community event (meetup, AMA, webinar...) was created; a recurring series journals one per occurrence.
 *
 * @param eventId    the event (one occurrence)
 * @param seriesId   its series, or 0 for a one-off event
 * @param topicId    its discussion topic
 * @param categoryId the category it belongs to
 * @param hostId     who created it
 * @param startsAt   when it starts
 * @param capacity   seats, or 0 for no limit
 */
public record EventCreated(long eventId, long seriesId, long topicId, long categoryId, long hostId, Instant startsAt,
                           int capacity) implements DomainEvent {
}
