package hearth.api.events;

/** A new member account was created. */
public record MemberJoined(long memberId, String username) implements DomainEvent {
}
