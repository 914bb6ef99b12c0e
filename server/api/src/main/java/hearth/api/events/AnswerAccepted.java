package hearth.api.events;

/**
 * A reply was marked as the accepted answer of a question topic, or the mark was taken away.
 *
 * @param topicId    the question topic
 * @param postId     the reply
 * @param authorId   who wrote the reply
 * @param acceptedBy who marked (or unmarked) it: the topic's author or a moderator
 * @param accepted   true when marked, false when cleared
 */
public record AnswerAccepted(long topicId, long postId, long authorId, long acceptedBy, boolean accepted)
        implements DomainEvent {
}
