package hearth.api.events;

/**
 * A member's trust level (0 to 4) went up or down.
 *
 * @param memberId   whose level
 * @param from       the level before
 * @param to         the level now
 * @param reason     why, e.g. "requirements met" or an admin's words
 * @param byMemberId the admin who set it; 0 when the site computed it from activity
 * @since 1.2.0
 */
public record TrustLevelChanged(long memberId, int from, int to, String reason, long byMemberId)
        implements DomainEvent {
}
