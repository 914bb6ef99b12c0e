package hearth.api.events;

import java.time.Instant;

/**
 * A moderator silenced a member: they can read but not post. Recorded with the {@link MemberStatusChanged} it caused.
 *
 * @param memberId   who
 * @param until      when it ends by itself; null when it does not
 * @param reason     the reason shown to them
 * @param byMemberId the moderator
 * @since 1.1.0
 */
public record MemberSilenced(long memberId, Instant until, String reason, long byMemberId) implements DomainEvent {
}
