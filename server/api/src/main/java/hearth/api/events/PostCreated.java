package hearth.api.events;

/** A post was added to a topic: the opening post has number 1, replies count up from 2. */
public record PostCreated(long postId, long topicId, long authorId, int postNumber) implements DomainEvent {
}
