package hearth.api.events;

import java.time.Instant;

/**
 * A moderator suspended a member (cannot log in until {@code until}) or banned them ({@code until} null). Recorded
 * with the {@link MemberStatusChanged} it caused.
 *
 * @param memberId   who
 * @param until      when it ends by itself; null for a ban
 * @param reason     the reason shown to them
 * @param byMemberId the moderator
 * @since 1.1.0
 */
public record MemberSuspended(long memberId, Instant until, String reason, long byMemberId) implements DomainEvent {
}
