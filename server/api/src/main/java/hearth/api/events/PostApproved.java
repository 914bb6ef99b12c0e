package hearth.api.events;

/**
 * A moderator approved a hidden or held post: readers see it again (a held post for the first time, and then a
 * {@link PostCreated} follows in the same transaction).
 *
 * @param postId     the post
 * @param topicId    its topic
 * @param authorId   who wrote it
 * @param byMemberId the moderator
 * @param wasHeld    true when it had been held as it was written
 * @since 1.1.0
 */
public record PostApproved(long postId, long topicId, long authorId, long byMemberId, boolean wasHeld)
        implements DomainEvent {
}
