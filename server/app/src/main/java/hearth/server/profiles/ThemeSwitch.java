package hearth.server.profiles;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /account/theme}: the header's light/dark switch. A member's choice is stored with their preferences (so
 * it follows them to other devices); a visitor's goes in a cookie. Without JavaScript the browser is sent back to the
 * page it came from; htmx gets no content and an {@code HX-Trigger} event naming the theme, and the page switches in
 * place.
 */
public final class ThemeSwitch implements Routes {

    /** A visitor's choice; a member's lives in the database. */
    public static final String COOKIE = "hearth_theme";
    private static final long YEAR_SECONDS = 365L * 24 * 60 * 60;

    private final Database db;
    private final MemberPreferences preferences;
    private final ProfileCaches caches;

    public ThemeSwitch(Database db, MemberPreferences preferences, ProfileCaches caches) {
        this.db = db;
        this.preferences = preferences;
        this.caches = caches;
    }

    @Override
    public void mount(Router router) {
        router.post("/account/theme").handler(this::choose);
    }

    private void choose(RoutingContext ctx) {
        ThemeChoice theme = ThemeChoice.parse(Forms.field(ctx, "theme"))
                .orElseThrow(() -> new InvalidInput("theme", "Choose light, dark or auto."));
        Optional<Viewer> viewer = Viewer.of(ctx);
        Future<Void> stored;
        if (viewer.isPresent()) {
            long memberId = viewer.get().memberId();
            stored = db.write(tx -> {
                preferences.update(tx, memberId, PreferencesUpdate.parse(Map.of(), theme.key(), null, null));
                return null;
            }).<Void>mapEmpty().onSuccess(done -> caches.forget(memberId));
        } else {
            ctx.response().addCookie(Cookie.cookie(COOKIE, theme.key()).setPath("/").setMaxAge(YEAR_SECONDS)
                    .setHttpOnly(true).setSameSite(CookieSameSite.LAX));
            stored = Future.succeededFuture();
        }
        stored.onSuccess(done -> {
            if (ctx.request().getHeader("HX-Request") != null) {
                ctx.response().setStatusCode(204)
                        .putHeader("HX-Trigger", new JsonObject().put("hearth:theme", theme.key()).encode()).end();
            } else {
                Pages.redirect(ctx, back(Forms.field(ctx, "next")));
            }
        }).onFailure(ctx::fail);
    }

    /** Only back to a page of this site: an address from the form must not send anyone elsewhere. */
    static String back(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
