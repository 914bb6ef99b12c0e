package hearth.server.accounts;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.RecoveryCodes.RECOVERY_CODES;

import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.api.errors.InvalidInput;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jooq.Record2;

/**
 * Optional two-factor sign-in with an authenticator app (TOTP) and ten one-time recovery codes. Codes are single use
 * even under concurrent requests: the accepted time step and each used recovery code are claimed with conditional
 * updates, and only the request whose update succeeds gets in.
 */
public final class TwoFactor {

    /** A new secret for the authenticator app, before the member proves it works. */
    public record Setup(String secret, String uri) {
    }

    private final WorkerExecutor hashing;
    private final Database db;
    private final Totp totp;
    private final RecoveryCodes recoveryCodes;
    private final Passwords passwords;
    private final Members members;
    private final Sessions sessions;
    private final String issuer;
    private final Clock clock;

    public TwoFactor(WorkerExecutor hashing, Database db, Totp totp, RecoveryCodes recoveryCodes, Passwords passwords,
                     Members members, Sessions sessions, String issuer, Clock clock) {
        this.hashing = hashing;
        this.db = db;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.passwords = passwords;
        this.members = members;
        this.sessions = sessions;
        this.issuer = issuer;
        this.clock = clock;
    }

    public Setup newSetup(Viewer viewer) {
        String secret = totp.newSecret();
        return new Setup(secret, totp.uri(issuer, viewer.username(), secret));
    }

    /** Turns two-factor on once the member shows a valid code for the new secret; returns the recovery codes. */
    public Future<List<String>> enable(Viewer viewer, String secret, String code) {
        if (!secret.matches("[A-Z2-7]{32}")) {
            return Future.failedFuture(new InvalidInput("code", "The setup expired. Reload the page and scan again."));
        }
        OptionalLong step = totp.verify(secret, code.strip(), clock.instant());
        if (step.isEmpty()) {
            return Future.failedFuture(new InvalidInput("code",
                    "That code does not match. Check the time on your phone and enter the newest code."));
        }
        return db.write(tx -> {
            tx.sql().update(MEMBERS)
                    .set(MEMBERS.TOTP_SECRET, secret)
                    .set(MEMBERS.TOTP_ENABLED_AT, clock.instant())
                    .set(MEMBERS.TOTP_LAST_STEP, step.getAsLong())
                    .where(MEMBERS.ID.eq(viewer.memberId()))
                    .execute();
            sessions.forgetMember(viewer.memberId(), 0);
            return replaceRecoveryCodes(tx, viewer.memberId());
        });
    }

    /** Turns two-factor off; the password guards against someone at an unlocked screen. */
    public Future<Void> disable(Viewer viewer, String password) {
        return checkPassword(viewer, password).compose(ok -> db.write(tx -> {
            tx.sql().update(MEMBERS)
                    .setNull(MEMBERS.TOTP_SECRET)
                    .setNull(MEMBERS.TOTP_ENABLED_AT)
                    .setNull(MEMBERS.TOTP_LAST_STEP)
                    .where(MEMBERS.ID.eq(viewer.memberId()))
                    .execute();
            tx.sql().deleteFrom(RECOVERY_CODES).where(RECOVERY_CODES.MEMBER_ID.eq(viewer.memberId())).execute();
            sessions.forgetMember(viewer.memberId(), 0);
            return null;
        }));
    }

    public Future<List<String>> newRecoveryCodes(Viewer viewer, String password) {
        return checkPassword(viewer, password).compose(ok -> db.write(tx -> replaceRecoveryCodes(tx, viewer.memberId())));
    }

    /** True if {@code code} is the member's current authenticator code or an unused recovery code (now used up). */
    boolean accept(Tx tx, long memberId, String code) {
        Record2<String, Long> state = tx.sql().select(MEMBERS.TOTP_SECRET, MEMBERS.TOTP_LAST_STEP).from(MEMBERS)
                .where(MEMBERS.ID.eq(memberId)).fetchSingle();
        if (state.value1() == null) {
            return false;
        }
        long lastStep = state.value2() == null ? Totp.NEVER_USED : state.value2();
        OptionalLong step = code.strip().matches("\\d{6}")
                ? totp.verify(state.value1(), code.strip(), clock.instant(), lastStep) : OptionalLong.empty();
        if (step.isPresent()) {
            return tx.sql().update(MEMBERS).set(MEMBERS.TOTP_LAST_STEP, step.getAsLong())
                    .where(MEMBERS.ID.eq(memberId), MEMBERS.TOTP_LAST_STEP.isNull()
                            .or(MEMBERS.TOTP_LAST_STEP.lt(step.getAsLong())))
                    .execute() == 1;
        }
        var unused = tx.sql().select(RECOVERY_CODES.ID, RECOVERY_CODES.CODE_HASH).from(RECOVERY_CODES)
                .where(RECOVERY_CODES.MEMBER_ID.eq(memberId), RECOVERY_CODES.USED_AT.isNull())
                .orderBy(RECOVERY_CODES.ID).fetch();
        OptionalInt match = recoveryCodes.match(code, unused.map(Record2::value2));
        return match.isPresent() && tx.sql().update(RECOVERY_CODES).set(RECOVERY_CODES.USED_AT, clock.instant())
                .where(RECOVERY_CODES.ID.eq(unused.get(match.getAsInt()).value1()), RECOVERY_CODES.USED_AT.isNull())
                .execute() == 1;
    }

    boolean isEnabled(Tx tx, long memberId) {
        return tx.sql().fetchExists(MEMBERS, MEMBERS.ID.eq(memberId), MEMBERS.TOTP_ENABLED_AT.isNotNull());
    }

    public Future<Integer> unusedRecoveryCodes(long memberId) {
        return db.read(sql -> sql.fetchCount(RECOVERY_CODES, RECOVERY_CODES.MEMBER_ID.eq(memberId),
                RECOVERY_CODES.USED_AT.isNull()));
    }

    private List<String> replaceRecoveryCodes(Tx tx, long memberId) {
        RecoveryCodes.Issued issued = recoveryCodes.generate();
        tx.sql().deleteFrom(RECOVERY_CODES).where(RECOVERY_CODES.MEMBER_ID.eq(memberId)).execute();
        var insert = tx.sql().insertInto(RECOVERY_CODES, RECOVERY_CODES.MEMBER_ID, RECOVERY_CODES.CODE_HASH);
        for (String hash : issued.hashes()) {
            insert = insert.values(memberId, hash);
        }
        insert.execute();
        return issued.codes();
    }

    private Future<Boolean> checkPassword(Viewer viewer, String password) {
        return db.read(sql -> members.passwordHash(sql, viewer.memberId()))
                .compose(hash -> hashing.executeBlocking(() -> hash != null
                        && passwords.verify(password.toCharArray(), hash), false))
                .compose(ok -> ok ? Future.succeededFuture(true)
                        : Future.failedFuture(new InvalidInput("password", "That is not your password.")));
    }
}
