package hearth.server.accounts;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.events.MemberJoined;
import hearth.server.db.Tx;
import java.time.Clock;
import java.util.Locale;

/** Member accounts. Sign-up, login and profiles build on this in the accounts feature. */
public final class Members {

    /** A member's standing; permissions start from it. */
    public enum Role { MEMBER, MODERATOR, ADMIN }

    private final Clock clock;

    public Members(Clock clock) {
        this.clock = clock;
    }

    /** Creates a member and records {@link MemberJoined}; returns the new id. */
    public long create(Tx tx, String username, String email, String displayName, Role role) {
        long id = tx.sql().insertInto(MEMBERS)
                .set(MEMBERS.USERNAME, username)
                .set(MEMBERS.USERNAME_KEY, username.toLowerCase(Locale.ROOT))
                .set(MEMBERS.EMAIL, email)
                .set(MEMBERS.EMAIL_KEY, email.toLowerCase(Locale.ROOT))
                .set(MEMBERS.DISPLAY_NAME, displayName)
                .set(MEMBERS.ROLE, role.name().toLowerCase(Locale.ROOT))
                .set(MEMBERS.CREATED_AT, clock.instant())
                .returning(MEMBERS.ID)
                .fetchSingle(MEMBERS.ID);
        tx.record(new MemberJoined(id, username));
        return id;
    }

    public int count(Tx tx) {
        return tx.sql().fetchCount(MEMBERS);
    }
}
