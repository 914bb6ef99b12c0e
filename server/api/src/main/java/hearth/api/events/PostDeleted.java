package hearth.api.events;

/**
 * A post was deleted: it keeps its place in the topic, but readers no longer see its text. Listeners that show or
 * index posts (search, feeds) drop it.
 *
 * @param postId       the post
 * @param topicId      its topic
 * @param deletedBy    who deleted it: its author or a moderator
 * @param topicHidden  true when it was the topic's opening post, and the topic is hidden with it
 */
public record PostDeleted(long postId, long topicId, long deletedBy, boolean topicHidden) implements DomainEvent {
}
