package hearth.api.events;

import java.time.Instant;
import java.util.List;

/**
 * A member was given a volunteer role, on the whole site or in some categories.
 *
 * @param grantId     the grant
 * @param roleId      the role
 * @param roleName    its name when it was granted, e.g. {@code Greeter}
 * @param memberId    who holds it now
 * @param categoryIds the categories it applies in; empty for the whole site
 * @param endsAt      when it ends by itself; null when it does not
 * @param reason      why, as the admin wrote it
 * @param byMemberId  the admin who granted it
 * @since 1.2.0
 */
public record RoleGranted(long grantId, long roleId, String roleName, long memberId, List<Long> categoryIds,
                          Instant endsAt, String reason, long byMemberId) implements DomainEvent {
}
