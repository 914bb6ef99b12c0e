package hearth.server.accounts;

import static hearth.server.db.schema.tables.LoginAttempts.LOGIN_ATTEMPTS;

import hearth.server.db.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Slows down password guessing: after {@value #ACCOUNT_LIMIT} failed sign-ins to one account, or
 * {@value #ADDRESS_LIMIT} from one address, within {@link #WINDOW}, further tries wait until the oldest of those
 * failures leaves the window. A successful sign-in clears the account's count. Kept in the database, so restarts and
 * other nodes see the same counts.
 */
public final class LoginThrottle {

    static final int ACCOUNT_LIMIT = 5;
    static final int ADDRESS_LIMIT = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before another try, if at all. */
    public Optional<Duration> waitBeforeTrying(DSLContext sql, String accountKey, String ip) {
        Instant now = clock.instant();
        Optional<Duration> account = wait(sql, LOGIN_ATTEMPTS.ACCOUNT_KEY, accountKey, ACCOUNT_LIMIT, true, now);
        Optional<Duration> address = wait(sql, LOGIN_ATTEMPTS.IP, ip, ADDRESS_LIMIT, false, now);
        if (account.isPresent() && address.isPresent()) {
            return Optional.of(account.get().compareTo(address.get()) > 0 ? account.get() : address.get());
        }
        return account.or(() -> address);
    }

    /** {@code successResets}: a success clears the count (for an account; an address may hold many accounts). */
    private Optional<Duration> wait(DSLContext sql, Field<String> key, String value, int limit, boolean successResets,
                                    Instant now) {
        Instant since = now.minus(WINDOW);
        if (successResets) {
            Instant lastSuccess = sql.select(DSL.max(LOGIN_ATTEMPTS.ATTEMPTED_AT)).from(LOGIN_ATTEMPTS)
                    .where(key.eq(value), LOGIN_ATTEMPTS.SUCCEEDED.isTrue(), LOGIN_ATTEMPTS.ATTEMPTED_AT.gt(since))
                    .fetchSingle().value1();
            since = lastSuccess != null ? lastSuccess : since;
        }
        List<Instant> failures = sql.select(LOGIN_ATTEMPTS.ATTEMPTED_AT).from(LOGIN_ATTEMPTS)
                .where(key.eq(value), LOGIN_ATTEMPTS.SUCCEEDED.isFalse(), LOGIN_ATTEMPTS.ATTEMPTED_AT.gt(since))
                .orderBy(LOGIN_ATTEMPTS.ATTEMPTED_AT.desc())
                .limit(limit)
                .fetch(LOGIN_ATTEMPTS.ATTEMPTED_AT);
        if (failures.size() < limit) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, failures.getLast().plus(WINDOW));
        return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void record(Tx tx, String accountKey, String ip, boolean succeeded) {
        tx.sql().insertInto(LOGIN_ATTEMPTS)
                .set(LOGIN_ATTEMPTS.ACCOUNT_KEY, accountKey)
                .set(LOGIN_ATTEMPTS.IP, ip)
                .set(LOGIN_ATTEMPTS.SUCCEEDED, succeeded)
                .set(LOGIN_ATTEMPTS.ATTEMPTED_AT, clock.instant())
                .execute();
    }
}
