package hearth.api.events;

/**
 * A moderator closed a topic to new replies, or opened it again.
 *
 * @param topicId     the topic
 * @param closed      true when closed, false when opened again
 * @param moderatorId who did it
 */
public record TopicClosed(long topicId, boolean closed, long moderatorId) implements DomainEvent {
}
