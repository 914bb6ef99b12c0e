package hearth.api.events;

/** A member started a topic; its opening post is announced separately as {@link PostCreated} number 1. */
public record TopicCreated(long topicId, long categoryId, long authorId, String title) implements DomainEvent {
}
