package hearth.api.events;

/**
 * A member changed what their profile shows: their display name, their profile text, or whether the profile is
 * hidden from other members. Listeners that show or index profiles (a search index) read it again.
 *
 * @param memberId the member
 * @since 1.2.0
 */
public record MemberProfileChanged(long memberId) implements DomainEvent {
}
