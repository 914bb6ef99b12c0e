package hearth.api.events;

/**
 * A moderator merged one topic into another: every post of {@code fromTopicId} now sits at the end of
 * {@code intoTopicId}, and the emptied topic is hidden.
 *
 * @param fromTopicId the emptied topic
 * @param intoTopicId the topic that took its posts
 * @param byMemberId  the moderator
 * @since 1.1.0
 */
public record TopicsMerged(long fromTopicId, long intoTopicId, long byMemberId) implements DomainEvent {
}
