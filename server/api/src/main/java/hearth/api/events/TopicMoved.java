package hearth.api.events;

/**
 * A moderator moved a topic to another category.
 *
 * @param topicId        the topic
 * @param fromCategoryId where it was
 * @param toCategoryId   where it is now
 * @param byMemberId     the moderator
 * @since 1.1.0
 */
public record TopicMoved(long topicId, long fromCategoryId, long toCategoryId, long byMemberId) implements DomainEvent {
}
