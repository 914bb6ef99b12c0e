package hearth.server.accounts;

import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Email confirmation, forgotten and reset passwords, and changing a password. */
public final class RecoveryPages implements Routes {

    private final EmailVerification verification;
    private final PasswordChanges passwords;
    private final Pages pages;

    public RecoveryPages(EmailVerification verification, PasswordChanges passwords, Pages pages) {
        this.verification = verification;
        this.passwords = passwords;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/account/welcome").handler(ctx -> message(ctx, 200, "Welcome!",
                "Your account is ready. We have sent you an email: open the link in it to confirm your address."));
        router.get("/account/verify/:token").handler(this::confirm);
        router.post("/account/verify/resend").handler(this::resend);
        router.get("/password/forgot").handler(ctx -> pages.show(ctx, 200, "password-forgot", Map.of()));
        router.post("/password/forgot").handler(this::forgot);
        router.get("/password/reset/:token").handler(this::resetForm);
        router.post("/password/reset/:token").handler(this::reset);
        router.get("/account/password").handler(ctx -> {
            Viewer.required(ctx);
            pages.show(ctx, 200, "password-change", Map.of());
        });
        router.post("/account/password").handler(this::change);
    }

    private void confirm(RoutingContext ctx) {
        verification.confirm(ctx.pathParam("token")).onSuccess(confirmed -> {
            if (confirmed) {
                message(ctx, 200, "Email confirmed", "Thank you: your email address is confirmed.");
            } else {
                message(ctx, 400, "This link does not work any more",
                        "It has expired or was already used. Log in and ask for a new one on your security page.");
            }
        }).onFailure(ctx::fail);
    }

    private void resend(RoutingContext ctx) {
        verification.resend(Viewer.required(ctx))
                .onSuccess(done -> message(ctx, 200, "Link sent", "We have sent a new confirmation link."))
                .onFailure(Pages.formFailure(ctx, invalid -> message(ctx, 400, "No new link sent",
                        invalid.getMessage())));
    }

    private void forgot(RoutingContext ctx) {
        String email = Forms.field(ctx, "email");
        passwords.forgot(email, AccountPages.ip(ctx))
                .onSuccess(done -> message(ctx, 200, "Check your email", "If an account uses " + email.strip()
                        + ", we have sent it a link to choose a new password. The link works for one hour."))
                .onFailure(Pages.formFailure(ctx, invalid -> pages.showErrors(ctx, "password-forgot",
                        Map.of("email", email), invalid)));
    }

    private void resetForm(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        passwords.linkIsUsable(token).onSuccess(usable -> {
            if (usable) {
                pages.show(ctx, 200, "password-reset", Map.of("token", token));
            } else {
                message(ctx, 400, "This link does not work any more",
                        "It has expired or was already used. You can ask for a new one.");
            }
        }).onFailure(ctx::fail);
    }

    private void reset(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        passwords.reset(token, Forms.field(ctx, "password"))
                .onSuccess(done -> message(ctx, 200, "Password changed",
                        "Your new password is set and every session has been logged out. You can log in now."))
                .onFailure(Pages.formFailure(ctx, invalid -> pages.showErrors(ctx, "password-reset",
                        Map.of("token", token), invalid)));
    }

    private void change(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        passwords.change(viewer, Forms.field(ctx, "current"), Forms.field(ctx, "password"))
                .onSuccess(done -> message(ctx, 200, "Password changed",
                        "Your password is changed, and your other sessions have been logged out."))
                .onFailure(Pages.formFailure(ctx, invalid -> pages.showErrors(ctx, "password-change",
                        Map.of(), invalid)));
    }

    private void message(RoutingContext ctx, int status, String title, String text) {
        pages.show(ctx, status, "message", Map.of("title", title, "text", text));
    }
}
