package hearth.server.accounts;

import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /account/2fa}: set up an authenticator app, see and renew recovery codes, or turn two-factor off. */
public final class TwoFactorPages implements Routes {

    private final TwoFactor twoFactor;
    private final Pages pages;

    public TwoFactorPages(TwoFactor twoFactor, Pages pages) {
        this.twoFactor = twoFactor;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/account/2fa").handler(this::show);
        router.post("/account/2fa/enable").handler(this::enable);
        router.post("/account/2fa/disable").handler(this::disable);
        router.post("/account/2fa/recovery-codes").handler(this::newCodes);
    }

    private void show(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("required", "1".equals(ctx.request().getParam("required")));
        if (viewer.twoFactor()) {
            pages.respond(ctx, "two-factor", twoFactor.unusedRecoveryCodes(viewer.memberId()).map(left -> {
                model.put("codesLeft", left);
                return model;
            }));
        } else {
            TwoFactor.Setup setup = twoFactor.newSetup(viewer);
            model.put("secret", setup.secret());
            model.put("uri", setup.uri());
            pages.show(ctx, 200, "two-factor", model);
        }
    }

    private void enable(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        String secret = Forms.field(ctx, "secret");
        twoFactor.enable(viewer, secret, Forms.field(ctx, "code"))
                .onSuccess(codes -> showCodes(ctx, codes))
                .onFailure(Pages.formFailure(ctx, invalid -> pages.showErrors(ctx, "two-factor", Map.of(
                        "secret", secret,
                        "uri", twoFactor.newSetup(viewer).uri().replaceFirst("secret=[A-Z2-7]+", "secret=" + secret)),
                        invalid)));
    }

    private void disable(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        twoFactor.disable(viewer, Forms.field(ctx, "password"))
                .onSuccess(done -> Pages.redirect(ctx, "/account/2fa"))
                .onFailure(failure -> passwordFailure(ctx, failure));
    }

    private void newCodes(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        twoFactor.newRecoveryCodes(viewer, Forms.field(ctx, "password"))
                .onSuccess(codes -> showCodes(ctx, codes))
                .onFailure(failure -> passwordFailure(ctx, failure));
    }

    private void showCodes(RoutingContext ctx, List<String> codes) {
        pages.show(ctx, 200, "two-factor-codes", Map.of("codes", codes));
    }

    private void passwordFailure(RoutingContext ctx, Throwable failure) {
        Pages.formFailure(ctx, invalid -> pages.show(ctx, 400, "two-factor",
                Map.of("errors", invalid.errors(), "codesLeft", -1))).handle(failure);
    }
}
