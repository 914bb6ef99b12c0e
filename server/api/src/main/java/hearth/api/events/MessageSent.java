package hearth.api.events;

/**
 * A member wrote in a private conversation: its opening message ({@code postNumber} 1) or a reply. Private posts are
 * announced only this way, never as {@link PostCreated}, so listeners that index or reward public posts never see
 * them.
 *
 * @param postId     the post
 * @param topicId    the conversation
 * @param authorId   who wrote it
 * @param postNumber its number in the conversation
 */
public record MessageSent(long postId, long topicId, long authorId, int postNumber) implements DomainEvent {
}
