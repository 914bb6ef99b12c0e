package hearth.server.accounts;

import static hearth.server.db.schema.tables.MemberTokens.MEMBER_TOKENS;

import hearth.server.db.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One-time links sent by email (verify the address, reset the password): the link carries a random token, the
 * database its hash, an expiry and when it was used. Redeeming is single-use even under concurrent clicks: the row
 * is claimed with a conditional update, and only the request whose update succeeds proceeds.
 */
public final class MemberLinks {

    /** What a link is for, and how long it stays valid. */
    public enum Purpose {
        VERIFY_EMAIL(Duration.ofDays(7)),
        RESET_PASSWORD(Duration.ofHours(1)),
        /** Between a correct password and the authenticator code: a short-lived, single-use pass. */
        SECOND_FACTOR(Duration.ofMinutes(5));

        private final Duration validFor;

        Purpose(Duration validFor) {
            this.validFor = validFor;
        }

        public Duration validFor() {
            return validFor;
        }
    }

    private final Tokens tokens;
    private final Clock clock;

    public MemberLinks(Tokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Creates a link token for the member; the caller puts it into an email and never stores it. */
    public String issue(Tx tx, long memberId, Purpose purpose) {
        String token = tokens.next();
        Instant now = clock.instant();
        tx.sql().insertInto(MEMBER_TOKENS)
                .set(MEMBER_TOKENS.TOKEN_HASH, Tokens.hash(token))
                .set(MEMBER_TOKENS.MEMBER_ID, memberId)
                .set(MEMBER_TOKENS.PURPOSE, purpose.name())
                .set(MEMBER_TOKENS.CREATED_AT, now)
                .set(MEMBER_TOKENS.EXPIRES_AT, now.plus(purpose.validFor()))
                .execute();
        return token;
    }

    /** The member the link belongs to, if it is for this purpose, unexpired and unused; it is used up by this call. */
    public Optional<Long> redeem(Tx tx, String token, Purpose purpose) {
        String hash = Tokens.hash(token);
        Instant now = clock.instant();
        int claimed = tx.sql().update(MEMBER_TOKENS)
                .set(MEMBER_TOKENS.USED_AT, now)
                .where(MEMBER_TOKENS.TOKEN_HASH.eq(hash), MEMBER_TOKENS.PURPOSE.eq(purpose.name()),
                        MEMBER_TOKENS.USED_AT.isNull(), MEMBER_TOKENS.EXPIRES_AT.gt(now))
                .execute();
        if (claimed == 0) {
            return Optional.empty();
        }
        return Optional.of(tx.sql().select(MEMBER_TOKENS.MEMBER_ID).from(MEMBER_TOKENS)
                .where(MEMBER_TOKENS.TOKEN_HASH.eq(hash)).fetchSingle(MEMBER_TOKENS.MEMBER_ID));
    }

    /** The member of a usable link, without using it up (to decide whether to show a form). */
    public Optional<Long> peek(DSLContext sql, String token, Purpose purpose) {
        return sql.select(MEMBER_TOKENS.MEMBER_ID).from(MEMBER_TOKENS)
                .where(MEMBER_TOKENS.TOKEN_HASH.eq(Tokens.hash(token)), MEMBER_TOKENS.PURPOSE.eq(purpose.name()),
                        MEMBER_TOKENS.USED_AT.isNull(), MEMBER_TOKENS.EXPIRES_AT.gt(clock.instant()))
                .fetchOptional(MEMBER_TOKENS.MEMBER_ID);
    }

    /** Voids the member's other unused links of this purpose (e.g. after a password reset). */
    public void voidAll(Tx tx, long memberId, Purpose purpose) {
        tx.sql().update(MEMBER_TOKENS)
                .set(MEMBER_TOKENS.USED_AT, clock.instant())
                .where(MEMBER_TOKENS.MEMBER_ID.eq(memberId), MEMBER_TOKENS.PURPOSE.eq(purpose.name()),
                        MEMBER_TOKENS.USED_AT.isNull())
                .execute();
    }
}
