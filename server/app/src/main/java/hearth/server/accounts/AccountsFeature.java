package hearth.server.accounts;

import hearth.server.access.SignUpGuards;
import hearth.server.db.Database;
import hearth.server.mail.Mailer;
import hearth.server.site.SiteSettings;
import hearth.server.web.Pages;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The accounts feature, wired: sign-up, sign-in, sessions, two-factor, invites, recovery, pictures, API keys, member
 * administration and data rights, with their pages and API. {@link #requestHandlers()} run on every request (who is
 * asking; staff without two-factor when it is required); {@link #sessions()} is for features that cache per member.
 */
public final class AccountsFeature implements Routes {

    /** What the accounts feature needs from the rest of the site. */
    public record Needs(Vertx vertx, Database db, Clock clock, Tokens tokens, Mailer mailer, SiteSettings settings,
                        Pages pages, URI baseUrl, Path avatarFolder, WorkerExecutor hashing,
                        Sessions sessions, MemberAdmin memberAdmin, SignUpGuards signUpGuards) {
    }

    private final Sessions sessions;
    private final Authentication authentication;
    private final StaffTwoFactorRule staffTwoFactor;
    private final List<Routes> routes;

    public AccountsFeature(Needs needs) {
        Database db = needs.db();
        Clock clock = needs.clock();
        Pages pages = needs.pages();
        SiteSettings settings = needs.settings();
        WorkerExecutor hashing = needs.hashing();
        boolean https = "https".equals(needs.baseUrl().getScheme());

        this.sessions = needs.sessions();
        ApiKeys apiKeys = new ApiKeys(db, clock, needs.tokens());
        this.authentication = new Authentication(sessions, apiKeys, https);
        this.staffTwoFactor = new StaffTwoFactorRule(settings);

        Members members = new Members(clock);
        Passwords passwords = new Passwords(Passwords.Argon2Params.OWASP, new SecureRandom());
        PasswordPolicy policy = new PasswordPolicy();
        MemberLinks links = new MemberLinks(needs.tokens(), clock);
        AccountMails mails = new AccountMails(needs.mailer(), links, needs.baseUrl());
        TwoFactor twoFactor = new TwoFactor(hashing, db, new Totp(clock, new SecureRandom()),
                new RecoveryCodes(new SecureRandom()), passwords, members, sessions, needs.baseUrl().getHost(), clock);
        Invites invites = new Invites(needs.tokens(), clock);
        Accounts accounts = new Accounts(hashing, db, members, passwords, policy, sessions, mails,
                new LoginThrottle(clock), twoFactor, links, invites, settings, needs.signUpGuards(), clock);
        EmailVerification verification = new EmailVerification(db, members, links, mails, sessions,
                new RateLimiter(3, Duration.ofHours(1), clock));
        PasswordChanges passwordChanges = new PasswordChanges(hashing, db, members, passwords, policy, links, mails,
                sessions, new RateLimiter(5, Duration.ofHours(1), clock));
        Avatars avatars = new Avatars(needs.vertx(), db, new AvatarImages(), needs.avatarFolder());
        MemberExport export = new MemberExport(clock);
        AccountDeletion deletion = new AccountDeletion(hashing, db, members, passwords, sessions, avatars, settings,
                new RateLimiter(5, Duration.ofMinutes(15), clock), clock);
        MemberAdmin memberAdmin = needs.memberAdmin();

        this.routes = List.of(
                new AccountPages(accounts, sessions, authentication, db, pages, settings),
                new AccountApi(accounts, sessions, authentication, db, new PostingRights(settings)),
                new InvitePages(invites, db, pages, needs.baseUrl()),
                new RecoveryPages(verification, passwordChanges, pages),
                new TwoFactorPages(twoFactor, pages),
                new AvatarPages(avatars, pages),
                new ApiKeyAdmin(apiKeys, db, pages),
                new DataRightsPages(export, deletion, authentication, db, pages, clock),
                new DataRightsApi(export, deletion, authentication, db, clock),
                new MemberAdminPages(memberAdmin, pages),
                new MemberAdminApi(memberAdmin));
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Run on every page and API request, in this order, before the features' routes. */
    public List<Handler<RoutingContext>> requestHandlers() {
        return List.of(authentication, staffTwoFactor);
    }

    @Override
    public void mount(Router router) {
        routes.forEach(r -> r.mount(router));
    }
}
