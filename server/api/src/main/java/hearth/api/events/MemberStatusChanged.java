package hearth.api.events;

import java.time.Instant;

/**
 * A member's standing changed. The core stores and enforces it; moderation decides it. Suspending or banning a
 * member also ends all their sessions.
 *
 * @param memberId   whose standing changed
 * @param from       the standing before: {@code "active"}, {@code "silenced"} (reads, cannot post),
 *                   {@code "suspended"} (cannot log in until {@code until}) or {@code "banned"}
 * @param to         the standing now, one of the same
 * @param until      when a silence or suspension ends by itself; null when it does not end by itself
 * @param reason     why, as shown to the member when they try to log in; null when none was given
 * @param byMemberId who changed it; 0 when the site did it by itself (a scheduled task, say)
 */
public record MemberStatusChanged(long memberId, String from, String to, Instant until, String reason,
                                  long byMemberId) implements DomainEvent {
}
