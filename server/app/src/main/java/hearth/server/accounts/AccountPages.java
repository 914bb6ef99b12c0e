package hearth.server.accounts;

import hearth.server.db.Database;
import hearth.server.site.SiteSettings;
import hearth.server.web.ClientAddresses;
import hearth.server.web.Forms;
import hearth.api.errors.NotFound;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sign-up, login, logout and the security page (sessions). Thin: parse, authorise, call {@link Accounts}, render. */
public final class AccountPages implements Routes {

    private final Accounts accounts;
    private final Sessions sessions;
    private final Authentication authentication;
    private final Database db;
    private final Pages pages;
    private final SiteSettings settings;

    public AccountPages(Accounts accounts, Sessions sessions, Authentication authentication, Database db, Pages pages,
                        SiteSettings settings) {
        this.settings = settings;
        this.accounts = accounts;
        this.sessions = sessions;
        this.authentication = authentication;
        this.db = db;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/signup").handler(ctx -> {
            if (settings.isOn(SiteSettings.Key.INVITE_ONLY)) {
                pages.show(ctx, 200, "message", Map.of("title", "Invite only", "text", Accounts.INVITE_ONLY));
            } else {
                pages.show(ctx, 200, "signup", Map.of());
            }
        });
        router.post("/signup").handler(this::signUp);
        router.get("/login").handler(ctx -> pages.show(ctx, 200, "login", Map.of("next", next(ctx))));
        router.post("/login").handler(this::logIn);
        router.get("/login/2fa").handler(ctx -> pages.show(ctx, 200, "login-2fa", Map.of("next", next(ctx),
                "remember", "yes".equals(ctx.request().getParam("remember")))));
        router.post("/login/2fa").handler(this::secondFactor);
        router.post("/logout").handler(this::logOut);
        router.get("/account/security").handler(this::security);
        router.post("/account/sessions/:id/revoke").handler(this::revoke);
        router.post("/account/sessions/revoke-all").handler(this::revokeAll);
    }

    private void signUp(RoutingContext ctx) {
        Accounts.SignUp form = new Accounts.SignUp(Forms.field(ctx, "username"), Forms.field(ctx, "email"), Forms.field(ctx, "password"),
                Forms.checked(ctx, "terms"), Forms.field(ctx, "invite"));
        accounts.signUp(form, userAgent(ctx), ip(ctx))
                .onSuccess(session -> session.ifPresentOrElse(started -> {
                    authentication.set(ctx, started);
                    Pages.redirect(ctx, "/account/welcome");
                }, () -> pages.show(ctx, 200, "signup-pending", Map.of("username", form.username().strip()))))
                .onFailure(showAgain(ctx, "signup", Map.of("username", form.username(),
                        "email", form.email(), "terms", form.acceptedTerms(), "invite", form.invite())));
    }

    private void logIn(RoutingContext ctx) {
        Accounts.LogIn form = new Accounts.LogIn(Forms.field(ctx, "identifier"), Forms.field(ctx, "password"),
                Forms.checked(ctx, "remember"), null, userAgent(ctx), ip(ctx));
        accounts.logIn(form)
                .onSuccess(result -> {
                    switch (result) {
                        case Accounts.LoginResult.LoggedIn in -> {
                            authentication.set(ctx, in.session());
                            Pages.redirect(ctx, next(ctx));
                        }
                        case Accounts.LoginResult.SecondFactorNeeded pass -> {
                            authentication.setSecondFactorPass(ctx, pass.pendingToken());
                            Pages.redirect(ctx, "/login/2fa?next=" + URLEncoder.encode(next(ctx), StandardCharsets.UTF_8)
                                    + (form.remember() ? "&remember=yes" : ""));
                        }
                    }
                })
                .onFailure(showAgain(ctx, "login", Map.of("identifier", form.identifier(),
                        "remember", form.remember(), "next", next(ctx))));
    }

    private void secondFactor(RoutingContext ctx) {
        boolean remember = Forms.checked(ctx, "remember");
        accounts.completeSecondFactor(authentication.secondFactorPass(ctx), Forms.field(ctx, "code"), remember,
                        userAgent(ctx), ip(ctx))
                .onSuccess(result -> {
                    authentication.clearSecondFactorPass(ctx);
                    authentication.set(ctx, ((Accounts.LoginResult.LoggedIn) result).session());
                    Pages.redirect(ctx, next(ctx));
                })
                .onFailure(showAgain(ctx, "login-2fa", Map.of("next", next(ctx), "remember", remember)));
    }

    private void logOut(RoutingContext ctx) {
        Viewer.of(ctx).map(accounts::logOut).orElse(io.vertx.core.Future.succeededFuture())
                .onSuccess(done -> {
                    authentication.clear(ctx);
                    Pages.redirect(ctx, "/");
                })
                .onFailure(ctx::fail);
    }

    private void security(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        pages.respond(ctx, "security", db.read(sql -> {
            List<Sessions.Active> active = sessions.active(sql, viewer.memberId());
            Map<String, Object> model = new HashMap<>();
            model.put("sessions", active.stream().map(s -> Map.of(
                    "id", s.id(), "device", Devices.describe(s.userAgent()), "ip", s.ip(),
                    "createdAt", s.createdAt(), "lastSeenAt", s.lastSeenAt(),
                    "current", s.id() == viewer.sessionId())).toList());
            return model;
        }));
    }

    private void revoke(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "session");
        db.write(tx -> sessions.revoke(tx, viewer.memberId(), id))
                .onSuccess(revoked -> {
                    if (!revoked) {
                        ctx.fail(new NotFound("That session has already ended."));
                    } else if (id == viewer.sessionId()) {
                        authentication.clear(ctx);
                        Pages.redirect(ctx, "/login");
                    } else {
                        Pages.redirect(ctx, "/account/security");
                    }
                })
                .onFailure(ctx::fail);
    }

    private void revokeAll(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        db.write(tx -> sessions.revokeAll(tx, viewer.memberId(), 0))
                .onSuccess(count -> {
                    authentication.clear(ctx);
                    Pages.redirect(ctx, "/login");
                })
                .onFailure(ctx::fail);
    }

    /** Invalid input shows the form again with the person's values; anything else goes to the error pages. */
    private Handler<Throwable> showAgain(RoutingContext ctx, String template, Map<String, ?> values) {
        return Pages.formFailure(ctx, invalid -> pages.showErrors(ctx, template, values, invalid));
    }

    /** Where to go after logging in: only a path on this site, never another host. */
    static String next(RoutingContext ctx) {
        String next = ctx.request().getParam("next");
        if (next == null) {
            next = ctx.request().getFormAttribute("next");
        }
        boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\");
        return local ? next : "/";
    }

    static String userAgent(RoutingContext ctx) {
        String agent = ctx.request().getHeader("User-Agent");
        return agent == null ? "" : agent;
    }

    static String ip(RoutingContext ctx) {
        return ClientAddresses.of(ctx);
    }
}
