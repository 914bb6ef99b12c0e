package hearth.api.events;

/**
 * A moderator pinned or unpinned a topic.
 *
 * @param topicId     the topic
 * @param scope       {@code none}, {@code category} (first in its category) or {@code site} (first everywhere)
 * @param moderatorId who did it
 */
public record TopicPinned(long topicId, String scope, long moderatorId) implements DomainEvent {
}
