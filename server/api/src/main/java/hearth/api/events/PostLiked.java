package hearth.api.events;

/**
 * A member liked a post, or took the like back.
 *
 * @param postId   the post
 * @param topicId  its topic
 * @param authorId who wrote the post
 * @param memberId who liked it
 * @param liked    true for a like, false when it was taken back
 */
public record PostLiked(long postId, long topicId, long authorId, long memberId, boolean liked) implements DomainEvent {
}
