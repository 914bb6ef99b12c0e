package hearth.plugins.welcome;

import java.time.Instant;

/**
 * One row of the newcomers list: a copy of the member's names as they were when they joined, so the page needs no
 * lookup per row. Public because templates read its components by reflection.
 *
 * @param memberId    the member's id
 * @param username    their handle, for the profile link
 * @param displayName the name shown
 * @param joinedAt    when their account was created
 */
public record Newcomer(long memberId, String username, String displayName, Instant joinedAt) {
}
