package hearth.server.accounts;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Attaches the {@link Viewer} of a valid session cookie to the request; a stale cookie is cleared. A request with
 * {@code Authorization: Bearer <key>} is authenticated by that API key alone, and refused if the key is bad or its
 * scope does not allow the request ({@link ApiKeys}): it never falls back to the cookie or to anonymous.
 */
public final class Authentication implements Handler<RoutingContext> {

    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final boolean secure;

    public Authentication(Sessions sessions, ApiKeys apiKeys, boolean secure) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.secure = secure;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> apiKey = ApiKeys.bearerToken(ctx.request());
        if (apiKey.isPresent()) {
            apiKeys.authenticate(ctx, apiKey.get());
            return;
        }
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            ctx.next();
            return;
        }
        sessions.find(cookie.getValue()).onComplete(found -> {
            if (found.failed()) {
                ctx.fail(found.cause());
                return;
            }
            found.result().ifPresentOrElse(viewer -> viewer.attach(ctx), () -> clear(ctx));
            ctx.next();
        });
    }

    /** The cookie for a new session: a browser-session cookie unless the member asked to be remembered. */
    public void set(RoutingContext ctx, Sessions.Started session) {
        Cookie cookie = Cookie.cookie(Sessions.COOKIE, session.token()).setPath("/").setHttpOnly(true)
                .setSecure(secure).setSameSite(CookieSameSite.LAX);
        if (session.remember()) {
            cookie.setMaxAge(Sessions.REMEMBERED.toSeconds());
        }
        ctx.response().addCookie(cookie);
    }

    private static final String SECOND_FACTOR_COOKIE = "hearth_2fa";

    /** The pass between password and authenticator code, good for one sign-in within five minutes. */
    public void setSecondFactorPass(RoutingContext ctx, String token) {
        ctx.response().addCookie(Cookie.cookie(SECOND_FACTOR_COOKIE, token).setPath("/login/2fa").setHttpOnly(true)
                .setSecure(secure).setSameSite(CookieSameSite.LAX).setMaxAge(300));
    }

    public String secondFactorPass(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(SECOND_FACTOR_COOKIE);
        return cookie == null ? "" : cookie.getValue();
    }

    public void clearSecondFactorPass(RoutingContext ctx) {
        ctx.response().addCookie(Cookie.cookie(SECOND_FACTOR_COOKIE, "").setPath("/login/2fa").setHttpOnly(true)
                .setSecure(secure).setSameSite(CookieSameSite.LAX).setMaxAge(0));
    }

    public void clear(RoutingContext ctx) {
        ctx.response().addCookie(Cookie.cookie(Sessions.COOKIE, "").setPath("/").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.LAX).setMaxAge(0));
    }
}
