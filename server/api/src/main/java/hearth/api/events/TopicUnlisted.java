package hearth.api.events;

/**
 * A moderator took a topic out of topic lists (it stays reachable by its link), or listed it again.
 *
 * @param topicId    the topic
 * @param unlisted   true when taken out, false when listed again
 * @param byMemberId the moderator
 * @since 1.1.0
 */
public record TopicUnlisted(long topicId, boolean unlisted, long byMemberId) implements DomainEvent {
}
