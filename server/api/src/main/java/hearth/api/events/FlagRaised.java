package hearth.api.events;

/**
 * A member flagged a post or a member for moderators.
 *
 * @param flagId    the flag
 * @param flaggerId who flagged
 * @param postId    the flagged post; 0 when a member was flagged
 * @param memberId  the flagged member (for a post: its author)
 * @param reason    {@code spam}, {@code off-topic}, {@code inappropriate}, {@code harassment} or {@code other}
 * @since 1.1.0
 */
public record FlagRaised(long flagId, long flaggerId, long postId, long memberId, String reason)
        implements DomainEvent {
}
