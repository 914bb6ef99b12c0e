package hearth.api.events;

/**
 * A moderator made another member the author of a topic (and of its opening post).
 *
 * @param topicId       the topic
 * @param fromMemberId  the author before
 * @param toMemberId    the author now
 * @param byMemberId    the moderator
 * @since 1.1.0
 */
public record TopicOwnerChanged(long topicId, long fromMemberId, long toMemberId, long byMemberId)
        implements DomainEvent {
}
