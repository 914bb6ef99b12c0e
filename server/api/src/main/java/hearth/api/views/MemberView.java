package hearth.api.views;

import hearth.api.access.Role;
import java.time.Instant;

/**
 * A member as plugins see them.
 *
 * @param id          the member's id
 * @param username    the unique handle, e.g. {@code ada}
 * @param displayName the name shown on posts
 * @param role        the site-wide role
 * @param silenced    whether the member may not post right now
 * @param joinedAt    when they joined
 */
public record MemberView(long id, String username, String displayName, Role role, boolean silenced, Instant joinedAt) {

    /** Whether the member is a moderator or an admin. */
    public boolean isStaff() {
        return role == Role.MODERATOR || role == Role.ADMIN;
    }
}
