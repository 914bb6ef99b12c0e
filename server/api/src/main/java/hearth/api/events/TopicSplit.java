package hearth.api.events;

/**
 * A moderator split replies off a topic into a new one (whose {@link TopicCreated} is recorded with it).
 *
 * @param fromTopicId the topic the replies left
 * @param newTopicId  the new topic
 * @param posts       how many posts moved
 * @param byMemberId  the moderator
 * @since 1.1.0
 */
public record TopicSplit(long fromTopicId, long newTopicId, int posts, long byMemberId) implements DomainEvent {
}
