package hearth.server.accounts;

import java.time.Instant;
import java.util.Locale;

/**
 * A member's standing. The core only stores and enforces it; the moderation plugin decides it. A suspension ends by
 * itself at {@code until}.
 */
public record MemberStatus(Kind kind, Instant until) {

    /** PENDING: signed up, waiting for a moderator's approval before the first login. */
    public enum Kind { ACTIVE, SILENCED, SUSPENDED, BANNED, PENDING }

    public static MemberStatus of(String stored, Instant until, Instant now) {
        Kind kind = Kind.valueOf(stored.toUpperCase(Locale.ROOT));
        if (until != null && !until.isAfter(now) && (kind == Kind.SUSPENDED || kind == Kind.SILENCED)) {
            return new MemberStatus(Kind.ACTIVE, null); // served
        }
        return new MemberStatus(kind, until);
    }

    public boolean blocksLogin() {
        return kind == Kind.SUSPENDED || kind == Kind.BANNED || kind == Kind.PENDING;
    }

    public boolean blocksPosting() {
        return kind != Kind.ACTIVE;
    }
}
