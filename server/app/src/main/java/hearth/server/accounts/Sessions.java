package hearth.server.accounts;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Sessions.SESSIONS;

import hearth.server.accounts.Members.Role;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Server-side sessions. The browser holds a random token; the database holds its hash, so sessions survive restarts,
 * work across nodes and can be revoked. Lookups are cached briefly: a revocation here takes effect at once, one made
 * on another node within {@link #CACHE_FOR}. Sessions slide: each use (at most once per cache period) pushes the
 * expiry out again.
 */
public final class Sessions {

    public static final String COOKIE = "hearth_session";
    public static final Duration REMEMBERED = Duration.ofDays(30);
    public static final Duration BROWSER_SESSION = Duration.ofDays(1);
    static final Duration CACHE_FOR = Duration.ofSeconds(30);

    /** A session as the security page lists it. */
    public record Active(long id, String userAgent, String ip, Instant createdAt, Instant lastSeenAt, boolean remember) {
    }

    /** A new session: {@code token} goes into the cookie and is never stored. */
    public record Started(String token, long id, boolean remember) {
    }

    private record Cached(Viewer viewer, Instant loadedAt) {
    }

    private final Database db;
    private final Clock clock;
    private final Tokens tokens;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Sessions(Database db, Clock clock, Tokens tokens) {
        this.db = db;
        this.clock = clock;
        this.tokens = tokens;
    }

    public Started start(Tx tx, long memberId, boolean remember, String userAgent, String ip) {
        String token = tokens.next();
        Instant now = clock.instant();
        long id = tx.sql().insertInto(SESSIONS)
                .set(SESSIONS.TOKEN_HASH, Tokens.hash(token))
                .set(SESSIONS.MEMBER_ID, memberId)
                .set(SESSIONS.REMEMBER, remember)
                .set(SESSIONS.CREATED_AT, now)
                .set(SESSIONS.LAST_SEEN_AT, now)
                .set(SESSIONS.EXPIRES_AT, now.plus(remember ? REMEMBERED : BROWSER_SESSION))
                .set(SESSIONS.USER_AGENT, truncate(userAgent, 300))
                .set(SESSIONS.IP, truncate(ip, 45))
                .returning(SESSIONS.ID)
                .fetchSingle(SESSIONS.ID);
        return new Started(token, id, remember);
    }

    /** The viewer of a session token, if the session is valid and its member may be logged in. */
    public Future<Optional<Viewer>> find(String token) {
        String hash = Tokens.hash(token);
        Cached cached = cache.get(hash);
        Instant now = clock.instant();
        if (cached != null && cached.loadedAt().plus(CACHE_FOR).isAfter(now)) {
            return Future.succeededFuture(Optional.of(cached.viewer()));
        }
        return db.write(tx -> load(tx, hash, now)).map(viewer -> {
            viewer.ifPresentOrElse(v -> cache.put(hash, new Cached(v, now)), () -> cache.remove(hash));
            return viewer;
        });
    }

    private Optional<Viewer> load(Tx tx, String hash, Instant now) {
        var row = tx.sql().select(SESSIONS.ID, SESSIONS.REMEMBER, MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME,
                        MEMBERS.ROLE, MEMBERS.STATUS, MEMBERS.STATUS_UNTIL, MEMBERS.EMAIL_VERIFIED_AT,
                        MEMBERS.TOTP_ENABLED_AT, MEMBERS.CREATED_AT)
                .from(SESSIONS).join(MEMBERS).on(MEMBERS.ID.eq(SESSIONS.MEMBER_ID))
                .where(SESSIONS.TOKEN_HASH.eq(hash), SESSIONS.REVOKED_AT.isNull(), SESSIONS.EXPIRES_AT.gt(now))
                .fetchOne();
        MemberStatus status = row == null ? null : MemberStatus.of(row.value7(), row.value8(), now);
        if (status == null || status.blocksLogin()) {
            return Optional.empty();
        }
        // Seen now: slide the expiry and record presence (at most once per cache period per session).
        tx.sql().update(SESSIONS)
                .set(SESSIONS.LAST_SEEN_AT, now)
                .set(SESSIONS.EXPIRES_AT, now.plus(row.value2() ? REMEMBERED : BROWSER_SESSION))
                .where(SESSIONS.ID.eq(row.value1()))
                .execute();
        tx.sql().update(MEMBERS).set(MEMBERS.LAST_SEEN_AT, now).where(MEMBERS.ID.eq(row.value3())).execute();
        return Optional.of(new Viewer(row.value3(), row.value1(), row.value4(), row.value5(),
                Role.valueOf(row.value6().toUpperCase(Locale.ROOT)), row.value9() != null, row.value10() != null,
                status.blocksPosting(), row.value11()));
    }

    public List<Active> active(DSLContext sql, long memberId) {
        return sql.select(SESSIONS.ID, SESSIONS.USER_AGENT, SESSIONS.IP, SESSIONS.CREATED_AT, SESSIONS.LAST_SEEN_AT,
                        SESSIONS.REMEMBER)
                .from(SESSIONS)
                .where(SESSIONS.MEMBER_ID.eq(memberId), SESSIONS.REVOKED_AT.isNull(),
                        SESSIONS.EXPIRES_AT.gt(clock.instant()))
                .orderBy(SESSIONS.LAST_SEEN_AT.desc())
                .fetch(r -> new Active(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /** Ends one of the member's sessions; true if there was such a session. */
    public boolean revoke(Tx tx, long memberId, long sessionId) {
        int revoked = tx.sql().update(SESSIONS).set(SESSIONS.REVOKED_AT, clock.instant())
                .where(SESSIONS.ID.eq(sessionId), SESSIONS.MEMBER_ID.eq(memberId), SESSIONS.REVOKED_AT.isNull())
                .execute();
        cache.values().removeIf(c -> c.viewer().sessionId() == sessionId);
        return revoked > 0;
    }

    /** Ends all the member's sessions but {@code keep} (0 ends all); returns how many ended. */
    public int revokeAll(Tx tx, long memberId, long keep) {
        int revoked = tx.sql().update(SESSIONS).set(SESSIONS.REVOKED_AT, clock.instant())
                .where(SESSIONS.MEMBER_ID.eq(memberId), SESSIONS.REVOKED_AT.isNull(), SESSIONS.ID.ne(keep))
                .execute();
        forgetMember(memberId, keep);
        return revoked;
    }

    /** Drops cached sessions of a member whose role or standing changed, so the next request reloads them. */
    public void forgetMember(long memberId, long keep) {
        cache.values().removeIf(c -> c.viewer().memberId() == memberId && c.viewer().sessionId() != keep);
    }

    private static String truncate(String value, int max) {
        return value == null ? "" : value.length() <= max ? value : value.substring(0, max);
    }
}
