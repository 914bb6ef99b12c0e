package hearth.api.events;

/**
 * A member earned a badge (gamification plugin), or an admin granted it by hand.
 *
 * @param memberId   the member
 * @param badge      the badge's key, e.g. {@code liked-100}
 * @param name       its name, e.g. {@code Well liked}
 * @param tier       {@code bronze}, {@code silver} or {@code gold}
 * @param reason     why, as the admin wrote it; empty when earned
 * @param byMemberId the admin who granted it; 0 when earned
 * @since 1.3.0
 */
public record BadgeGranted(long memberId, String badge, String name, String tier, String reason, long byMemberId)
        implements DomainEvent {
}
