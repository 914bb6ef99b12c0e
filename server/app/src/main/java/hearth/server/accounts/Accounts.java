package hearth.server.accounts;

import hearth.api.content.Verdict;
import hearth.server.access.SignUpGuards;
import hearth.server.accounts.Members.Role;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.site.SiteSettings;
import hearth.api.errors.InvalidInput;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signing up and signing in. Password hashing is deliberately slow, so it runs on its own bounded worker pool and
 * never inside a database transaction (it would hold a connection for its whole duration).
 */
public final class Accounts {

    /** What the sign-up form sends; {@code invite} is the code of an invite link, or empty. */
    public record SignUp(String username, String email, String password, boolean acceptedTerms, String invite) {
    }

    /**
     * What the login form sends; {@code identifier} is a username or an email address. {@code code} is the
     * two-factor code when the client sends it at once (the API); null lets a page ask for it in a second step.
     */
    public record LogIn(String identifier, String password, boolean remember, String code, String userAgent,
                        String ip) {
    }

    /** A session, or a pass to present with the authenticator code. */
    public sealed interface LoginResult {
        record LoggedIn(Sessions.Started session) implements LoginResult {
        }

        record SecondFactorNeeded(String pendingToken) implements LoginResult {
        }
    }

    public static final String INVITE_ONLY = "This community is invite-only. Ask a member for an invite link.";
    private static final String BAD_CREDENTIALS = "That username or email and password do not match.";
    private static final String WRONG_CODE = "That code is not right. Enter the newest code from your app, or a "
            + "recovery code.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final WorkerExecutor hashing;
    private final Database db;
    private final Members members;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final Sessions sessions;
    private final AccountMails mails;
    private final LoginThrottle throttle;
    private final TwoFactor twoFactor;
    private final MemberLinks links;
    private final Invites invites;
    private final SiteSettings settings;
    private final SignUpGuards signUpGuards;
    private final Clock clock;

    public Accounts(WorkerExecutor hashing, Database db, Members members, Passwords passwords, PasswordPolicy policy,
                    Sessions sessions, AccountMails mails, LoginThrottle throttle, TwoFactor twoFactor,
                    MemberLinks links, Invites invites, SiteSettings settings, SignUpGuards signUpGuards,
                    Clock clock) {
        this.signUpGuards = signUpGuards;
        this.hashing = hashing;
        this.db = db;
        this.members = members;
        this.passwords = passwords;
        this.policy = policy;
        this.sessions = sessions;
        this.mails = mails;
        this.throttle = throttle;
        this.twoFactor = twoFactor;
        this.links = links;
        this.invites = invites;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Creates the account and its first session, and mails a link to confirm the address. The first account of a
     * site without an admin becomes its admin.
     * Fails with {@link InvalidInput} naming every field that breaks a rule, or with a sign-up guard's reason. When a
     * guard holds the sign-up for review, the account waits for a moderator's approval and no session starts: the
     * answer is empty.
     */
    public Future<Optional<Sessions.Started>> signUp(SignUp form, String userAgent, String ip) {
        String username = form.username().strip();
        String email = form.email().strip();
        Map<String, String> errors = new java.util.LinkedHashMap<>(SignUpRules.check(username, email,
                form.acceptedTerms()));
        policy.problem(form.password(), username, email).ifPresent(m -> errors.put("password", m));
        if (!errors.isEmpty()) {
            return Future.failedFuture(new InvalidInput(errors));
        }
        Verdict verdict = signUpGuards.review(new hearth.api.content.SignUp(username, email, ip));
        if (verdict.outcome() == Verdict.Outcome.REJECT) {
            return Future.failedFuture(new InvalidInput("email", verdict.reason().isBlank()
                    ? "Sign-ups like this one are not accepted here." : verdict.reason()));
        }
        boolean held = verdict.outcome() == Verdict.Outcome.HOLD_FOR_REVIEW;
        return hashing.executeBlocking(() -> passwords.hash(form.password().toCharArray()), false)
                .compose(hash -> db.write(tx -> {
                    Map<String, String> taken = new java.util.LinkedHashMap<>();
                    if (members.usernameTaken(tx, username)) {
                        taken.put("username", "That username is taken. Please choose another.");
                    }
                    if (members.emailTaken(tx, email)) {
                        taken.put("email", "An account with that email already exists. Log in, or reset its password.");
                    }
                    if (!taken.isEmpty()) {
                        throw new InvalidInput(taken);
                    }
                    boolean siteHasAdmin = members.anyAdmin(tx);
                    // The first account of a new site is never asked for an invite: someone must be able to start.
                    if (siteHasAdmin && settings.isOn(SiteSettings.Key.INVITE_ONLY)) {
                        if (form.invite().isBlank()) {
                            throw new InvalidInput("invite", INVITE_ONLY);
                        }
                        invites.redeem(tx, form.invite());
                    }
                    Role role = siteHasAdmin ? Role.MEMBER : Role.ADMIN;
                    long id = members.register(tx, username, email, hash, role);
                    mails.verifyEmail(tx, id, username, email);
                    if (held && siteHasAdmin) {
                        members.awaitApproval(tx, id);
                        return Optional.<Sessions.Started>empty();
                    }
                    return Optional.of(sessions.start(tx, id, false, userAgent, ip));
                }));
    }

    /** Checks the credentials and starts a session, or explains why not (throttled, suspended, wrong). */
    public Future<LoginResult> logIn(LogIn form) {
        String identifier = form.identifier().strip();
        if (identifier.isEmpty() || form.password().isEmpty()) {
            return Future.failedFuture(new InvalidInput(identifier.isEmpty() ? "identifier" : "password",
                    identifier.isEmpty() ? "Enter your username or email." : "Enter your password."));
        }
        return db.read(sql -> {
            Optional<Members.Credentials> member = members.credentials(sql, identifier);
            String accountKey = member.map(m -> "member:" + m.id()).orElse("name:" + identifier.toLowerCase(Locale.ROOT));
            Optional<Duration> wait = throttle.waitBeforeTrying(sql, accountKey, form.ip());
            if (wait.isPresent()) {
                throw tooManyAttempts(wait.get());
            }
            return new Attempt(member, accountKey);
        }).compose(attempt -> hashing.executeBlocking(() -> {
            String hash = attempt.member().map(Members.Credentials::passwordHash).orElse(null);
            if (hash == null) {
                // Spend the same time as a real check, so timing does not reveal who has an account.
                passwords.simulateVerify(form.password().toCharArray());
                return new Checked(attempt, false);
            }
            return new Checked(attempt, passwords.verify(form.password().toCharArray(), hash));
        }, false)).compose(checked -> db.write(tx -> finish(tx, checked, form)))
                .compose(Outcome::toFuture);
    }

    /** The second step: the pass from {@link LoginResult.SecondFactorNeeded} and the authenticator (or recovery) code. */
    public Future<LoginResult> completeSecondFactor(String pendingToken, String code, boolean remember,
                                                    String userAgent, String ip) {
        return db.read(sql -> {
            long memberId = links.peek(sql, pendingToken, MemberLinks.Purpose.SECOND_FACTOR)
                    .orElseThrow(() -> new InvalidInput("code", "This sign-in took too long. Please log in again."));
            throttle.waitBeforeTrying(sql, "member:" + memberId, ip).ifPresent(wait -> {
                throw tooManyAttempts(wait);
            });
            return memberId;
        }).compose(memberId -> db.write(tx -> {
            if (!twoFactor.accept(tx, memberId, code)) {
                throttle.record(tx, "member:" + memberId, ip, false);
                return new Outcome(null, new InvalidInput("code", WRONG_CODE));
            }
            links.redeem(tx, pendingToken, MemberLinks.Purpose.SECOND_FACTOR)
                    .orElseThrow(() -> new InvalidInput("code", "This sign-in took too long. Please log in again."));
            throttle.record(tx, "member:" + memberId, ip, true);
            return new Outcome(new LoginResult.LoggedIn(sessions.start(tx, memberId, remember, userAgent, ip)), null);
        })).compose(Outcome::toFuture);
    }

    private static InvalidInput tooManyAttempts(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return new InvalidInput("identifier", "Too many failed attempts. Try again in " + minutes
                + (minutes == 1 ? " minute." : " minutes."));
    }

    private record Attempt(Optional<Members.Credentials> member, String accountKey) {
    }

    private record Checked(Attempt attempt, boolean passwordMatches) {
    }

    /** Either a result or why not; a refusal is a value here so the failed attempt still commits. */
    private record Outcome(LoginResult result, InvalidInput refusal) {
        Future<LoginResult> toFuture() {
            return refusal == null ? Future.succeededFuture(result) : Future.failedFuture(refusal);
        }
    }

    private Outcome finish(Tx tx, Checked checked, LogIn form) {
        String accountKey = checked.attempt().accountKey();
        if (!checked.passwordMatches()) {
            throttle.record(tx, accountKey, form.ip(), false);
            return new Outcome(null, new InvalidInput("password", BAD_CREDENTIALS));
        }
        Members.Credentials member = checked.attempt().member().orElseThrow();
        MemberStatus status = MemberStatus.of(member.status(), member.statusUntil(), clock.instant());
        if (status.blocksLogin()) {
            throw new InvalidInput("identifier", switch (status.kind()) {
                case BANNED -> "This account has been banned" + reason(member) + ".";
                case PENDING -> "This account is waiting for a moderator's approval. We will email you once it "
                        + "is approved.";
                default -> "This account is suspended until " + DAY.format(status.until()) + reason(member) + ".";
            });
        }
        if (twoFactor.isEnabled(tx, member.id())) {
            if (form.code() == null) {
                return new Outcome(new LoginResult.SecondFactorNeeded(
                        links.issue(tx, member.id(), MemberLinks.Purpose.SECOND_FACTOR)), null);
            }
            if (!twoFactor.accept(tx, member.id(), form.code())) {
                throttle.record(tx, accountKey, form.ip(), false);
                return new Outcome(null, new InvalidInput("code", form.code().isBlank()
                        ? "Enter the code from your authenticator app." : WRONG_CODE));
            }
        }
        throttle.record(tx, accountKey, form.ip(), true);
        return new Outcome(new LoginResult.LoggedIn(
                sessions.start(tx, member.id(), form.remember(), form.userAgent(), form.ip())), null);
    }

    private static String reason(Members.Credentials member) {
        return member.statusReason() == null || member.statusReason().isBlank() ? "" : ": " + member.statusReason();
    }

    /** Ends the session the request came with. */
    public Future<Void> logOut(Viewer viewer) {
        return db.write(tx -> {
            sessions.revoke(tx, viewer.memberId(), viewer.sessionId());
            return null;
        });
    }
}
