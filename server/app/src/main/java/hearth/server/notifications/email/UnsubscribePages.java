package hearth.server.notifications.email;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.db.Database;
import hearth.server.notifications.email.UnsubscribeLinks.Target;
import hearth.server.profiles.MemberPreferences;
import hearth.server.profiles.PreferencesUpdate;
import hearth.server.web.ClientAddresses;
import hearth.server.web.Pages;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /email/unsubscribe/<token>}, the link in every notification mail. GET only shows a page with a button:
 * mail scanners and link previews follow GET links, and must not unsubscribe anyone. POST turns that kind of mail
 * off, for the button and for mail clients' one-click unsubscribe (RFC 8058), which POST with no cookies at all; the
 * signed token is the authorisation, so this path is exempt from the CSRF check (see {@code Csrf}). No login.
 */
public final class UnsubscribePages implements Routes {

    private static final String NOT_VALID = "This unsubscribe link is not valid. It may have been cut short: copy "
            + "the whole link from the mail, or change your email preferences after logging in.";

    private final Database db;
    private final Pages pages;
    private final UnsubscribeLinks links;
    private final MemberPreferences preferences;
    /** Tokens cannot be guessed, but there is no reason to let anyone try quickly. */
    private final RateLimiter attempts;

    public UnsubscribePages(Database db, Pages pages, UnsubscribeLinks links, MemberPreferences preferences,
                            Clock clock) {
        this.db = db;
        this.pages = pages;
        this.links = links;
        this.preferences = preferences;
        this.attempts = new RateLimiter(30, Duration.ofMinutes(1), clock);
    }

    @Override
    public void mount(Router router) {
        router.get(UnsubscribeLinks.PATH + ":token").handler(this::confirm);
        router.post(UnsubscribeLinks.PATH + ":token").handler(this::unsubscribe);
    }

    private void confirm(RoutingContext ctx) {
        Optional<Target> target = check(ctx);
        if (target.isEmpty()) {
            return;
        }
        String token = ctx.pathParam("token");
        db.read(sql -> exists(sql, target.get().memberId())).onSuccess(exists -> {
            if (!exists) {
                invalid(ctx, 404);
            } else {
                pages.show(ctx, 200, "unsubscribe", Map.of("action", UnsubscribeLinks.PATH + token,
                        "what", target.get().kind().description(), "done", false));
            }
        }).onFailure(ctx::fail);
    }

    private void unsubscribe(RoutingContext ctx) {
        Optional<Target> target = check(ctx);
        if (target.isEmpty()) {
            return;
        }
        long memberId = target.get().memberId();
        MailKind kind = target.get().kind();
        db.write(tx -> {
            if (!exists(tx.sql(), memberId)) {
                return false;
            }
            var changes = kind.turnedOff(preferences.emailFrequencies(tx.sql(), memberId));
            preferences.update(tx, memberId, new PreferencesUpdate(changes, null, null, null));
            return true;
        }).onSuccess(done -> {
            if (done) {
                pages.show(ctx, 200, "unsubscribe", Map.of("what", kind.description(), "done", true));
            } else {
                invalid(ctx, 404);
            }
        }).onFailure(ctx::fail);
    }

    /** The token's member and mail kind; or answers with the reason (and empty) when it will not do. */
    private Optional<Target> check(RoutingContext ctx) {
        String ip = ClientAddresses.of(ctx);
        if (!attempts.tryAcquire(ip)) {
            pages.show(ctx, 429, "message", Map.of("title", "Too many requests",
                    "text", "Please wait a minute and try the link again."));
            return Optional.empty();
        }
        Optional<Target> target = links.verify(ctx.pathParam("token"));
        if (target.isEmpty()) {
            invalid(ctx, 400);
        }
        return target;
    }

    private void invalid(RoutingContext ctx, int status) {
        pages.show(ctx, status, "message", Map.of("title", "This link does not work", "text", NOT_VALID));
    }

    private static boolean exists(org.jooq.DSLContext sql, long memberId) {
        return sql.fetchExists(MEMBERS, MEMBERS.ID.eq(memberId), MEMBERS.DELETED_AT.isNull());
    }
}
