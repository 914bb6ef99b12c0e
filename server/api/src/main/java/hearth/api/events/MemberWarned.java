package hearth.api.events;

/**
 * The moderation team sent a member a formal warning (as a private message).
 *
 * @param memberId   who was warned
 * @param reason     the reason given to them
 * @param byMemberId the moderator
 * @since 1.1.0
 */
public record MemberWarned(long memberId, String reason, long byMemberId) implements DomainEvent {
}
