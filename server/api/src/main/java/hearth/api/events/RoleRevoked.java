package hearth.api.events;

/**
 * An admin took a volunteer role back before it ended.
 *
 * @param grantId    the grant
 * @param roleId     the role
 * @param roleName   its name
 * @param memberId   who held it
 * @param reason     why, as the admin wrote it
 * @param byMemberId the admin
 * @since 1.2.0
 */
public record RoleRevoked(long grantId, long roleId, String roleName, long memberId, String reason, long byMemberId)
        implements DomainEvent {
}
