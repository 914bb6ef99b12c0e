package hearth.server.accounts;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.events.MemberJoined;
import hearth.server.db.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;

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

    /** What signing in needs to know about a member. */
    public record Credentials(long id, String passwordHash, String status, Instant statusUntil, String statusReason) {
    }

    /** Registers a member who signed up with a password (already hashed); returns the new id. */
    public long register(Tx tx, String username, String email, String passwordHash, Role role) {
        long id = create(tx, username, email, username, role);
        tx.sql().update(MEMBERS)
                .set(MEMBERS.PASSWORD_HASH, passwordHash)
                .set(MEMBERS.TERMS_ACCEPTED_AT, clock.instant())
                .where(MEMBERS.ID.eq(id))
                .execute();
        return id;
    }

    public boolean usernameTaken(Tx tx, String username) {
        return tx.sql().fetchExists(MEMBERS, MEMBERS.USERNAME_KEY.eq(username.toLowerCase(Locale.ROOT)));
    }

    public boolean emailTaken(Tx tx, String email) {
        return tx.sql().fetchExists(MEMBERS, MEMBERS.EMAIL_KEY.eq(email.toLowerCase(Locale.ROOT)));
    }

    public boolean anyAdmin(Tx tx) {
        return tx.sql().fetchExists(MEMBERS, MEMBERS.ROLE.eq("admin"));
    }

    /** Who to write to about an account. */
    public record Contact(long id, String username, String email) {
    }

    public Optional<Contact> byEmail(DSLContext sql, String email) {
        return sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.EMAIL).from(MEMBERS)
                .where(MEMBERS.EMAIL_KEY.eq(email.strip().toLowerCase(Locale.ROOT)))
                .fetchOptional(r -> new Contact(r.value1(), r.value2(), r.value3()));
    }

    public Contact contact(DSLContext sql, long id) {
        return sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.EMAIL).from(MEMBERS).where(MEMBERS.ID.eq(id))
                .fetchSingle(r -> new Contact(r.value1(), r.value2(), r.value3()));
    }

    public String passwordHash(DSLContext sql, long id) {
        return sql.select(MEMBERS.PASSWORD_HASH).from(MEMBERS).where(MEMBERS.ID.eq(id)).fetchSingle(MEMBERS.PASSWORD_HASH);
    }

    public void setPasswordHash(Tx tx, long id, String hash) {
        tx.sql().update(MEMBERS).set(MEMBERS.PASSWORD_HASH, hash).where(MEMBERS.ID.eq(id)).execute();
    }

    public void markEmailVerified(Tx tx, long id) {
        tx.sql().update(MEMBERS).set(MEMBERS.EMAIL_VERIFIED_AT, clock.instant())
                .where(MEMBERS.ID.eq(id), MEMBERS.EMAIL_VERIFIED_AT.isNull()).execute();
    }

    /** The member a login form names, by username or by email (both case-insensitive). */
    public Optional<Credentials> credentials(DSLContext sql, String identifier) {
        String key = identifier.toLowerCase(Locale.ROOT);
        return sql.select(MEMBERS.ID, MEMBERS.PASSWORD_HASH, MEMBERS.STATUS, MEMBERS.STATUS_UNTIL, MEMBERS.STATUS_REASON)
                .from(MEMBERS)
                .where(key.contains("@") ? MEMBERS.EMAIL_KEY.eq(key) : MEMBERS.USERNAME_KEY.eq(key))
                .fetchOptional(r -> new Credentials(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }
}
