package hearth.server.accounts;

import hearth.server.db.Database;
import hearth.api.errors.InvalidInput;
import hearth.server.web.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Locale;

/**
 * Forgotten passwords (a one-time link by email) and changing a known one. Either way the other sessions end, so a
 * password change locks out whoever else may have had access.
 */
public final class PasswordChanges {

    private final WorkerExecutor hashing;
    private final Database db;
    private final Members members;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final MemberLinks links;
    private final AccountMails mails;
    private final Sessions sessions;
    private final RateLimiter resetRequests;

    public PasswordChanges(WorkerExecutor hashing, Database db, Members members, Passwords passwords, PasswordPolicy policy,
                           MemberLinks links, AccountMails mails, Sessions sessions, RateLimiter resetRequests) {
        this.hashing = hashing;
        this.db = db;
        this.members = members;
        this.passwords = passwords;
        this.policy = policy;
        this.links = links;
        this.mails = mails;
        this.sessions = sessions;
        this.resetRequests = resetRequests;
    }

    /**
     * Mails a reset link if an account has this address. The answer is the same either way, so the form does not
     * tell strangers who is a member.
     */
    public Future<Void> forgot(String email, String ip) {
        String address = email.strip();
        if (address.isEmpty()) {
            return Future.failedFuture(new InvalidInput("email", "Enter the email address of your account."));
        }
        if (!resetRequests.tryAcquire("ip:" + ip) || !resetRequests.tryAcquire("email:" + address.toLowerCase(Locale.ROOT))) {
            return Future.failedFuture(new InvalidInput("email",
                    "Too many reset requests. Please check your inbox, or try again in an hour."));
        }
        return db.write(tx -> {
            members.byEmail(tx.sql(), address).ifPresent(m -> mails.resetPassword(tx, m.id(), m.username(), m.email()));
            return null;
        });
    }

    /** Sets a new password from a reset link; the link is used up, and every session of the member ends. */
    public Future<Void> reset(String token, String newPassword) {
        return db.read(sql -> links.peek(sql, token, MemberLinks.Purpose.RESET_PASSWORD)
                        .map(id -> members.contact(sql, id))
                        .orElseThrow(PasswordChanges::deadLink))
                .compose(member -> hashIfAcceptable(newPassword, member))
                .compose(hashed -> db.write(tx -> {
                    long memberId = links.redeem(tx, token, MemberLinks.Purpose.RESET_PASSWORD)
                            .orElseThrow(PasswordChanges::deadLink);
                    // Sessions before the member row: the order session lookups lock them in, so no deadlock.
                    sessions.revokeAll(tx, memberId, 0);
                    members.setPasswordHash(tx, memberId, hashed.hash());
                    // Whoever could read the mailbox could also read the verification mail: count it as confirmed.
                    members.markEmailVerified(tx, memberId);
                    links.voidAll(tx, memberId, MemberLinks.Purpose.RESET_PASSWORD);
                    return null;
                }));
    }

    /** Whether a reset link can still be used (for showing the form, without using it up). */
    public Future<Boolean> linkIsUsable(String token) {
        return db.read(sql -> links.peek(sql, token, MemberLinks.Purpose.RESET_PASSWORD).isPresent());
    }

    /** Changes the password of a logged-in member, who must know the current one; their other sessions end. */
    public Future<Void> change(Viewer viewer, String current, String newPassword) {
        return db.read(sql -> members.passwordHash(sql, viewer.memberId()))
                .compose(stored -> hashing.executeBlocking(() -> stored != null
                        && passwords.verify(current.toCharArray(), stored), false))
                .compose(matches -> {
                    if (!matches) {
                        return Future.failedFuture(new InvalidInput("current", "That is not your current password."));
                    }
                    return db.read(sql -> members.contact(sql, viewer.memberId()));
                })
                .compose(member -> hashIfAcceptable(newPassword, member))
                .compose(hashed -> db.write(tx -> {
                    sessions.revokeAll(tx, viewer.memberId(), viewer.sessionId()); // sessions first, as in reset
                    members.setPasswordHash(tx, viewer.memberId(), hashed.hash());
                    return null;
                }));
    }

    private record Hashed(String hash) {
    }

    private Future<Hashed> hashIfAcceptable(String password, Members.Contact member) {
        return policy.problem(password, member.username(), member.email())
                .<Future<Hashed>>map(problem -> Future.failedFuture(new InvalidInput("password", problem)))
                .orElseGet(() -> hashing.executeBlocking(() -> new Hashed(passwords.hash(password.toCharArray())),
                        false));
    }

    private static InvalidInput deadLink() {
        return new InvalidInput("token", "This link has expired or was already used. Ask for a new one.");
    }
}
