package hearth.api.access;

/** A member's site-wide role; each includes the powers of the one before. */
public enum Role {
    MEMBER, MODERATOR, ADMIN
}
