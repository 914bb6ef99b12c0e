package hearth.server.accounts;

import static hearth.server.db.schema.tables.ApiKeys.API_KEYS;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.accounts.Members.Role;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.web.BadCredentials;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * API keys: {@code Authorization: Bearer hearth_...} for scripts and integrations, accepted under {@code /api/v1}
 * only (pages are for people, with a session). A key is random, shown once and stored as its SHA-256 like session
 * tokens; the {@code hearth_} prefix lets secret scanners spot a leaked one. Each request looks its key up afresh,
 * so revoking a key, or demoting or suspending its owner, takes effect at once on every node; the last-used time is
 * written at most once a minute per key.
 */
public final class ApiKeys {

    /** Every key starts with this; scanners match {@code hearth_[A-Za-z0-9_-]{43}}. */
    public static final String PREFIX = "hearth_";
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    static final int MAX_NAME = 100;
    private static final String UNKNOWN = "Unknown or revoked API key.";
    private static final String KEY = "apiKey";

    /** A key as admins see it in the list; {@code createdBy} is null for keys made on the command line. */
    public record Listed(long id, String name, String owner, ApiKeyScope scope, Instant createdAt, Instant lastUsedAt,
                         Instant revokedAt, String createdBy) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A new key; {@code key} is the secret, shown this once and never stored. */
    public record Created(long id, String name, String owner, ApiKeyScope scope, String key) {
    }

    /**
     * The key a request was authenticated with (its {@link Viewer} has session id 0). {@code scope} is the key's
     * scope capped by its owner's current role.
     */
    public record Used(long id, ApiKeyScope scope) {

        public static Optional<Used> of(RoutingContext ctx) {
            return Optional.ofNullable(ctx.get(KEY));
        }
    }

    private record Caller(Viewer viewer, Used key) {
    }

    private final Database db;
    private final Clock clock;
    private final Tokens tokens;

    public ApiKeys(Database db, Clock clock, Tokens tokens) {
        this.db = db;
        this.clock = clock;
        this.tokens = tokens;
    }

    /**
     * Makes a key for the member named {@code username}; {@code createdBy} is the admin's member id, null from the
     * command line. Fails with {@link InvalidInput} on {@code name}, {@code user} or {@code scope}.
     */
    public Created create(Tx tx, String name, String username, ApiKeyScope scope, Long createdBy) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            throw new InvalidInput("name", "Give the key a name that says what uses it.");
        }
        if (cleanName.length() > MAX_NAME || cleanName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "Names are at most " + MAX_NAME + " characters, on one line.");
        }
        String user = username == null ? "" : username.strip();
        var owner = tx.sql().select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.ROLE).from(MEMBERS)
                .where(MEMBERS.USERNAME_KEY.eq(user.toLowerCase(Locale.ROOT)))
                .fetchOne();
        if (user.isEmpty() || owner == null) {
            throw new InvalidInput("user", user.isEmpty() ? "Name the member who owns the key."
                    : "No member is named " + user + ".");
        }
        Role role = role(owner.value3());
        if (!scope.allowedFor(role)) {
            throw new InvalidInput("scope", "Only admins' keys may have the admin scope; " + owner.value2()
                    + " is a " + owner.value3() + ".");
        }
        String key = PREFIX + tokens.next();
        long id = tx.sql().insertInto(API_KEYS)
                .set(API_KEYS.MEMBER_ID, owner.value1())
                .set(API_KEYS.NAME, cleanName)
                .set(API_KEYS.TOKEN_HASH, Tokens.hash(key))
                .set(API_KEYS.SCOPE, scope.id())
                .set(API_KEYS.CREATED_AT, clock.instant())
                .set(API_KEYS.CREATED_BY, createdBy)
                .returning(API_KEYS.ID)
                .fetchSingle(API_KEYS.ID);
        return new Created(id, cleanName, owner.value2(), scope, key);
    }

    /** Every key, newest first, revoked ones included. */
    public List<Listed> list(DSLContext sql) {
        var creator = MEMBERS.as("creator");
        return sql.select(API_KEYS.ID, API_KEYS.NAME, MEMBERS.USERNAME, API_KEYS.SCOPE, API_KEYS.CREATED_AT,
                        API_KEYS.LAST_USED_AT, API_KEYS.REVOKED_AT, creator.USERNAME)
                .from(API_KEYS)
                .join(MEMBERS).on(MEMBERS.ID.eq(API_KEYS.MEMBER_ID))
                .leftJoin(creator).on(creator.ID.eq(API_KEYS.CREATED_BY))
                .orderBy(API_KEYS.ID.desc())
                .fetch(r -> new Listed(r.value1(), r.value2(), r.value3(), scope(r.value4()), r.value5(), r.value6(),
                        r.value7(), r.value8()));
    }

    /** Revokes a key; true if it existed and was not revoked yet. */
    public boolean revoke(Tx tx, long id) {
        return tx.sql().update(API_KEYS).set(API_KEYS.REVOKED_AT, clock.instant())
                .where(API_KEYS.ID.eq(id), API_KEYS.REVOKED_AT.isNull())
                .execute() > 0;
    }

    /** The token of an {@code Authorization: Bearer} header (scheme case-insensitive), if the request has one. */
    static Optional<String> bearerToken(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        return scheme.equalsIgnoreCase("Bearer") ? Optional.of(space < 0 ? "" : value.substring(space + 1).strip())
                : Optional.empty(); // other schemes (Basic from a proxy, say) are not ours
    }

    /**
     * Authenticates a request by its key, then lets it pass only if the key's scope allows it: attaches the owner's
     * {@link Viewer} and the {@link Used} key, or fails with {@link BadCredentials} (401) or {@link Forbidden} (403).
     */
    void authenticate(RoutingContext ctx, String key) {
        String path = ctx.normalizedPath(); // what the router matches, so no encoding slips past the scope check
        if (!ApiKeyScope.under(path, "/api/v1")) {
            ctx.fail(new BadCredentials("API keys are accepted only under /api/v1/."));
            return;
        }
        if (!key.startsWith(PREFIX) || key.length() > 200) {
            ctx.fail(new BadCredentials(UNKNOWN));
            return;
        }
        Instant now = clock.instant();
        db.write(tx -> load(tx, Tokens.hash(key), now)).onComplete(found -> {
            if (found.failed()) {
                ctx.fail(found.cause());
                return;
            }
            Caller caller = found.result();
            Optional<String> refusal = caller.key().scope().refusal(ctx.request().method(), path);
            if (refusal.isPresent()) {
                ctx.fail(new Forbidden(refusal.get()));
                return;
            }
            caller.viewer().attach(ctx);
            ctx.put(KEY, caller.key());
            ctx.next();
        });
    }

    private Caller load(Tx tx, String hash, Instant now) {
        var row = tx.sql().select(API_KEYS.ID, API_KEYS.SCOPE, API_KEYS.LAST_USED_AT, MEMBERS.ID, MEMBERS.USERNAME,
                        MEMBERS.DISPLAY_NAME, MEMBERS.ROLE, MEMBERS.STATUS, MEMBERS.STATUS_UNTIL,
                        MEMBERS.EMAIL_VERIFIED_AT, MEMBERS.TOTP_ENABLED_AT, MEMBERS.CREATED_AT)
                .from(API_KEYS).join(MEMBERS).on(MEMBERS.ID.eq(API_KEYS.MEMBER_ID))
                .where(API_KEYS.TOKEN_HASH.eq(hash), API_KEYS.REVOKED_AT.isNull())
                .fetchOne();
        if (row == null) {
            throw new BadCredentials(UNKNOWN);
        }
        MemberStatus status = MemberStatus.of(row.value8(), row.value9(), now);
        if (status.blocksLogin()) {
            throw new BadCredentials("The owner of this API key is suspended or banned.");
        }
        Instant stale = now.minus(TOUCH_EVERY);
        if (row.value3() == null || row.value3().isBefore(stale)) {
            // The condition again, so concurrent requests (or nodes) write it once a minute at most.
            tx.sql().update(API_KEYS).set(API_KEYS.LAST_USED_AT, now)
                    .where(API_KEYS.ID.eq(row.value1()),
                            API_KEYS.LAST_USED_AT.isNull().or(API_KEYS.LAST_USED_AT.lt(stale)))
                    .execute();
        }
        Role owner = role(row.value7());
        ApiKeyScope scope = scope(row.value2()).cappedBy(owner);
        Viewer viewer = new Viewer(row.value4(), 0, row.value5(), row.value6(), scope.actingRole(owner),
                row.value10() != null, row.value11() != null, status.blocksPosting(), row.value12());
        return new Caller(viewer, new Used(row.value1(), scope));
    }

    private static Role role(String stored) {
        return Role.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    private static ApiKeyScope scope(String stored) {
        return ApiKeyScope.valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
