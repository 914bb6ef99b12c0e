package hearth.server.accounts;

import hearth.server.db.Database;
import hearth.api.errors.InvalidInput;
import hearth.server.web.RateLimiter;
import io.vertx.core.Future;

/** Confirming a member's email address by the link mailed at sign-up, and mailing a new link on request. */
public final class EmailVerification {

    private final Database db;
    private final Members members;
    private final MemberLinks links;
    private final AccountMails mails;
    private final Sessions sessions;
    private final RateLimiter resends;

    public EmailVerification(Database db, Members members, MemberLinks links, AccountMails mails, Sessions sessions,
                             RateLimiter resends) {
        this.db = db;
        this.members = members;
        this.links = links;
        this.mails = mails;
        this.sessions = sessions;
        this.resends = resends;
    }

    /** True when the link was valid and the address is now confirmed. */
    public Future<Boolean> confirm(String token) {
        return db.write(tx -> links.redeem(tx, token, MemberLinks.Purpose.VERIFY_EMAIL).map(memberId -> {
            members.markEmailVerified(tx, memberId);
            sessions.forgetMember(memberId, 0); // cached viewers still say "unverified"
            return true;
        }).orElse(false));
    }

    public Future<Void> resend(Viewer viewer) {
        if (viewer.emailVerified()) {
            return Future.failedFuture(new InvalidInput("email", "Your email address is already confirmed."));
        }
        if (!resends.tryAcquire("member:" + viewer.memberId())) {
            return Future.failedFuture(new InvalidInput("email",
                    "We have sent several links recently. Please check your inbox and spam folder, or try later."));
        }
        return db.write(tx -> {
            Members.Contact contact = members.contact(tx.sql(), viewer.memberId());
            mails.verifyEmail(tx, contact.id(), contact.username(), contact.email());
            return null;
        });
    }
}
