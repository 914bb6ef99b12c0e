package hearth.server.calendars;

import static hearth.server.db.schema.tables.CalendarFeedTokens.CALENDAR_FEED_TOKENS;

import hearth.server.accounts.Tokens;
import hearth.server.db.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The secret addresses of members' own calendar feeds. Only a token's SHA-256 is stored, so the address is shown
 * once, when made. A member has at most one: a new one replaces the old, revoking deletes it, and the old address
 * then answers 404.
 */
final class FeedTokens {

    private final Tokens tokens;
    private final Clock clock;

    FeedTokens(Tokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A fresh token for the member, replacing any earlier one; returns the token itself (not stored). */
    String replace(Tx tx, long memberId) {
        revoke(tx.sql(), memberId);
        String token = tokens.next();
        tx.sql().insertInto(CALENDAR_FEED_TOKENS)
                .set(CALENDAR_FEED_TOKENS.TOKEN_HASH, Tokens.hash(token))
                .set(CALENDAR_FEED_TOKENS.MEMBER_ID, memberId)
                .set(CALENDAR_FEED_TOKENS.CREATED_AT, clock.instant())
                .execute();
        return token;
    }

    /** Deletes the member's token; whether there was one. */
    static boolean revoke(DSLContext sql, long memberId) {
        return sql.deleteFrom(CALENDAR_FEED_TOKENS).where(CALENDAR_FEED_TOKENS.MEMBER_ID.eq(memberId)).execute() > 0;
    }

    /** When the member's current token was made, if they have one. */
    static Optional<Instant> createdAt(DSLContext sql, long memberId) {
        return sql.select(CALENDAR_FEED_TOKENS.CREATED_AT).from(CALENDAR_FEED_TOKENS)
                .where(CALENDAR_FEED_TOKENS.MEMBER_ID.eq(memberId))
                .orderBy(CALENDAR_FEED_TOKENS.CREATED_AT.desc()).limit(1).fetchOptional(CALENDAR_FEED_TOKENS.CREATED_AT);
    }

    /** The member a token belongs to. */
    static Optional<Long> owner(DSLContext sql, String token) {
        return sql.select(CALENDAR_FEED_TOKENS.MEMBER_ID).from(CALENDAR_FEED_TOKENS)
                .where(CALENDAR_FEED_TOKENS.TOKEN_HASH.eq(Tokens.hash(token)))
                .fetchOptional(CALENDAR_FEED_TOKENS.MEMBER_ID);
    }
}
