package hearth.server.accounts;

import static hearth.server.db.schema.tables.AdminChangesLock.ADMIN_CHANGES_LOCK;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.events.MemberJoined;
import hearth.server.db.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/** Member accounts. Sign-up, login and profiles build on this in the accounts feature. */
public final class Members {

    /** A member's standing; permissions start from it. */
    public enum Role {
        MEMBER, MODERATOR, ADMIN;

        /** As stored and as the API writes it: {@code member}, {@code moderator}, {@code admin}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The role a stored or submitted key names, if any. */
        public static Optional<Role> fromKey(String key) {
            for (Role role : values()) {
                if (role.key().equals(key)) {
                    return Optional.of(role);
                }
            }
            return Optional.empty();
        }
    }

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
    /** Makes a new account wait for a moderator's approval before it may log in. */
    void awaitApproval(Tx tx, long memberId) {
        tx.sql().update(MEMBERS).set(MEMBERS.STATUS, "pending").where(MEMBERS.ID.eq(memberId)).execute();
    }

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

    /**
     * Serialises the changes that could leave the site without an admin who can log in (demoting, suspending, banning
     * or deleting an admin): each takes this lock as its first step, so two of them (two admins demoting each other,
     * say) run one after the other instead of both passing the "is this the last admin?" check. Held until the
     * transaction ends.
     */
    public void lockAdminChanges(Tx tx) {
        tx.sql().select(ADMIN_CHANGES_LOCK.ID).from(ADMIN_CHANGES_LOCK).where(ADMIN_CHANGES_LOCK.ID.eq(1)).forUpdate()
                .fetch();
    }

    /**
     * The admins who can log in (not deleted, suspended or banned). Inside a transaction that holds
     * {@link #lockAdminChanges} this is the latest committed state (a locking read) and stays true until it ends.
     */
    public Set<Long> adminsWhoCanLogIn(Tx tx) {
        return adminsWhoCanLogIn(tx.sql(), true);
    }

    /** The admins who can log in, for showing; decisions use {@link #adminsWhoCanLogIn(Tx)}. */
    public Set<Long> adminsWhoCanLogIn(DSLContext sql) {
        return adminsWhoCanLogIn(sql, false);
    }

    private Set<Long> adminsWhoCanLogIn(DSLContext sql, boolean lock) {
        Instant now = clock.instant();
        var select = sql.select(MEMBERS.ID, MEMBERS.STATUS, MEMBERS.STATUS_UNTIL).from(MEMBERS)
                .where(MEMBERS.ROLE.eq(Role.ADMIN.key()), MEMBERS.DELETED_AT.isNull());
        Set<Long> admins = new HashSet<>();
        (lock ? select.forUpdate().fetch() : select.fetch()).forEach(r -> {
            if (!MemberStatus.of(r.value2(), r.value3(), now).blocksLogin()) {
                admins.add(r.value1());
            }
        });
        return admins;
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
