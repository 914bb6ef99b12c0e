package hearth.api.events;

/**
 * A moderator locked (archived) a topic, so only moderators may still reply, edit, delete or like in it; or
 * unlocked it again.
 *
 * @param topicId     the topic
 * @param locked      true when locked, false when unlocked
 * @param moderatorId who did it
 */
public record TopicLocked(long topicId, boolean locked, long moderatorId) implements DomainEvent {
}
