package hearth.api.events;

/**
 * An admin changed a member's role. The member's sessions see the new role from their next request.
 *
 * @param memberId   whose role changed
 * @param from       the role before: {@code "member"}, {@code "moderator"} or {@code "admin"}
 * @param to         the role now, one of the same
 * @param byMemberId the admin who changed it
 * @param reason     why, as the admin wrote it (for the record)
 */
public record MemberRoleChanged(long memberId, String from, String to, long byMemberId, String reason)
        implements DomainEvent {
}
