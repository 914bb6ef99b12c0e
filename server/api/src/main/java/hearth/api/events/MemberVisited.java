package hearth.api.events;

/**
 * A member's first page request of a day (in the site's time zone), recorded by the gamification plugin so that
 * "days visited" can be counted again from the journal.
 *
 * @param memberId the member
 * @param day      the day, ISO {@code yyyy-mm-dd}
 * @since 1.3.0
 */
public record MemberVisited(long memberId, String day) implements DomainEvent {
}
