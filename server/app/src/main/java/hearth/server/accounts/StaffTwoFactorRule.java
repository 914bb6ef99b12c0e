package hearth.server.accounts;

import hearth.server.site.SiteSettings;
import hearth.api.errors.Forbidden;
import hearth.server.web.Pages;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * When admins require it, moderators and admins without two-factor authentication can do nothing but set it up
 * (or log out): their powers are what an attacker with a stolen password would want most.
 */
public final class StaffTwoFactorRule implements Handler<RoutingContext> {

    private static final Set<String> ALLOWED = Set.of("/account/2fa", "/account/2fa/enable", "/logout");

    private final SiteSettings settings;

    public StaffTwoFactorRule(SiteSettings settings) {
        this.settings = settings;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Viewer viewer = Viewer.of(ctx).orElse(null);
        if (viewer == null || viewer.twoFactor() || !viewer.isStaff()
                || !settings.isOn(SiteSettings.Key.REQUIRE_2FA_FOR_STAFF)
                || ALLOWED.contains(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        if (ctx.request().method() == HttpMethod.GET && !ctx.normalizedPath().startsWith("/api/")) {
            Pages.redirect(ctx, "/account/2fa?required=1");
        } else {
            ctx.fail(new Forbidden("Staff must turn on two-factor authentication first, at /account/2fa."));
        }
    }
}
