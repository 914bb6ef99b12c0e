package hearth.api.moderation;

/**
 * A member's standing on the site.
 *
 * @since 1.1.0
 */
public enum Standing {
    /** May read and post. */
    ACTIVE,
    /** May read but not post. */
    SILENCED,
    /** May not log in until the suspension ends; their sessions end. */
    SUSPENDED,
    /** May not log in, for good; their sessions end. */
    BANNED,
    /** Signed up and waits for a moderator's approval before they may log in. */
    PENDING_APPROVAL
}
