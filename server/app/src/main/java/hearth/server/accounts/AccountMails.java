package hearth.server.accounts;

import hearth.server.db.Tx;
import hearth.server.mail.Mail;
import hearth.server.mail.Mailer;
import java.net.URI;

/** The emails the accounts feature sends, queued in the transaction of the change that causes them. */
public final class AccountMails {

    private final Mailer mailer;
    private final MemberLinks links;
    private final URI baseUrl;

    public AccountMails(Mailer mailer, MemberLinks links, URI baseUrl) {
        this.mailer = mailer;
        this.links = links;
        this.baseUrl = baseUrl;
    }

    public void verifyEmail(Tx tx, long memberId, String username, String email) {
        String token = links.issue(tx, memberId, MemberLinks.Purpose.VERIFY_EMAIL);
        mailer.queue(tx, new Mail(email, "Confirm your email address", """
                Hello %s,

                please confirm that this is your email address by opening this link:

                %s/account/verify/%s

                The link works for 7 days. If you did not create an account, you can ignore this mail.
                """.formatted(username, baseUrl, token)));
    }

    public void resetPassword(Tx tx, long memberId, String username, String email) {
        String token = links.issue(tx, memberId, MemberLinks.Purpose.RESET_PASSWORD);
        mailer.queue(tx, new Mail(email, "Reset your password", """
                Hello %s,

                someone (hopefully you) asked to reset your password. Choose a new one here:

                %s/password/reset/%s

                The link works once, for one hour. If you did not ask for this, ignore this mail: your password
                stays as it is.
                """.formatted(username, baseUrl, token)));
    }
}
