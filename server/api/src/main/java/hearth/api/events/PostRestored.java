package hearth.api.events;

/**
 * A deleted post was restored, and with an opening post its topic.
 *
 * @param postId     the post
 * @param topicId    its topic
 * @param restoredBy its author or a moderator
 */
public record PostRestored(long postId, long topicId, long restoredBy) implements DomainEvent {
}
