package hearth.api.events;

/**
 * A member's points reached a new level (gamification plugin).
 *
 * @param memberId the member
 * @param level    the level, from 1 (the first above the starting level 0)
 * @param name     its name as the admins set it, e.g. {@code Regular}
 * @param points   the member's points when they reached it
 * @since 1.3.0
 */
public record LevelReached(long memberId, int level, String name, long points) implements DomainEvent {
}
