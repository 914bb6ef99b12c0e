package hearth.api.events;

import java.time.Instant;

/**
 * A volunteer role reached the end date it was granted with.
 *
 * @param grantId  the grant
 * @param roleId   the role
 * @param roleName its name
 * @param memberId who held it
 * @param endedAt  the end date
 * @since 1.2.0
 */
public record RoleExpired(long grantId, long roleId, String roleName, long memberId, Instant endedAt)
        implements DomainEvent {
}
