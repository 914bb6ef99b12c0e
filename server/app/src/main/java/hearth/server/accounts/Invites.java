package hearth.server.accounts;

import static hearth.server.db.schema.tables.Invites.INVITES;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.db.Tx;
import hearth.api.errors.InvalidInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Invite links for invite-only sites: each expires and may be used a limited number of times. The link's code is
 * shown once and stored hashed; a use is claimed with a conditional update, so a link never goes over its cap even
 * when several people sign up with it at once.
 */
public final class Invites {

    /** An invite as the admin page lists it. */
    public record Listed(long id, String note, String createdBy, Instant createdAt, Instant expiresAt, int maxUses,
                         int uses, boolean revoked, boolean usable) {
    }

    private final Tokens tokens;
    private final Clock clock;

    public Invites(Tokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Creates an invite and returns its code (the only time it is seen). */
    public String create(Tx tx, long creatorId, String note, int days, int maxUses) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (days < 1 || days > 90) {
            errors.put("days", "Invites last between 1 and 90 days.");
        }
        if (maxUses < 1 || maxUses > 1000) {
            errors.put("maxUses", "An invite can be used between 1 and 1000 times.");
        }
        if (note.length() > 200) {
            errors.put("note", "Keep the note under 200 characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String code = tokens.next();
        Instant now = clock.instant();
        tx.sql().insertInto(INVITES)
                .set(INVITES.CODE_HASH, Tokens.hash(code))
                .set(INVITES.NOTE, note)
                .set(INVITES.CREATED_BY, creatorId)
                .set(INVITES.CREATED_AT, now)
                .set(INVITES.EXPIRES_AT, now.plus(Duration.ofDays(days)))
                .set(INVITES.MAX_USES, maxUses)
                .execute();
        return code;
    }

    public boolean isUsable(DSLContext sql, String code) {
        return sql.fetchExists(INVITES, usable(code));
    }

    /** Uses the invite once; refuses with a message for the sign-up form when it cannot be used. */
    public void redeem(Tx tx, String code) {
        int claimed = tx.sql().update(INVITES).set(INVITES.USES, INVITES.USES.plus(1)).where(usable(code)).execute();
        if (claimed == 0) {
            throw new InvalidInput("invite", "This invite link has expired or has been used up. Ask for a new one.");
        }
    }

    public boolean revoke(Tx tx, long id) {
        return tx.sql().update(INVITES).set(INVITES.REVOKED_AT, clock.instant())
                .where(INVITES.ID.eq(id), INVITES.REVOKED_AT.isNull()).execute() > 0;
    }

    public List<Listed> recent(DSLContext sql) {
        Instant now = clock.instant();
        return sql.select(INVITES.ID, INVITES.NOTE, MEMBERS.USERNAME, INVITES.CREATED_AT, INVITES.EXPIRES_AT,
                        INVITES.MAX_USES, INVITES.USES, INVITES.REVOKED_AT)
                .from(INVITES).join(MEMBERS).on(MEMBERS.ID.eq(INVITES.CREATED_BY))
                .orderBy(INVITES.ID.desc()).limit(100)
                .fetch(r -> new Listed(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8() != null,
                        r.value8() == null && r.value5().isAfter(now) && r.value7() < r.value6()));
    }

    private org.jooq.Condition usable(String code) {
        return INVITES.CODE_HASH.eq(Tokens.hash(code)).and(INVITES.REVOKED_AT.isNull())
                .and(INVITES.EXPIRES_AT.gt(clock.instant())).and(INVITES.USES.lt(INVITES.MAX_USES));
    }
}
