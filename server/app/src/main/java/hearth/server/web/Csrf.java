package hearth.server.web;

import hearth.api.errors.Forbidden;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Cross-site request forgery protection by double submit: every browser gets a random token in an HttpOnly cookie,
 * pages put it in their forms ({@code _csrf}) or htmx sends it as {@code X-CSRF-Token}, and a state-changing request
 * whose token does not match the cookie is refused. Requests authenticated by an API key carry no cookies and are
 * exempt. SameSite=Lax cookies are the second line of defence.
 */
public final class Csrf implements Handler<RoutingContext> {

    public static final String COOKIE = "hearth_csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final String KEY = "csrfToken";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Supplier<String> tokens;
    private final boolean secure;

    public Csrf(Supplier<String> tokens, boolean secure) {
        this.tokens = tokens;
        this.secure = secure;
    }

    /** The token to put into this request's forms. */
    public static String token(RoutingContext ctx) {
        return ctx.get(KEY, "");
    }

    @Override
    public void handle(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        String token = cookie != null && cookie.getValue().length() >= 32 ? cookie.getValue() : null;
        boolean apiKey = isApiKeyRequest(ctx);
        if (!SAFE.contains(ctx.request().method()) && !apiKey && !isOneClickUnsubscribe(ctx)) {
            String sent = ctx.request().getHeader(HEADER);
            if (sent == null) {
                sent = ctx.request().getFormAttribute(FIELD);
            }
            if (token == null || sent == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    sent.getBytes(StandardCharsets.UTF_8))) {
                ctx.fail(403, new Forbidden("This form has expired or came from another site. Reload the page and "
                        + "try again."));
                return;
            }
        }
        if (token == null && !apiKey) { // no cookie for API clients: a cookie jar would end their exemption
            token = tokens.get();
            ctx.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true).setSecure(secure)
                    .setSameSite(CookieSameSite.LAX));
        }
        if (token != null) {
            ctx.put(KEY, token);
        }
        ctx.next();
    }

    /**
     * Unsubscribe links from notification mail. Mail clients POST them for one-click unsubscribe (RFC 8058) without
     * any cookie, so a CSRF token cannot be checked. None is needed: the request is authorised by the signed token in
     * its path, not by a session another site could ride on, and all it can do is turn off the one kind of mail
     * that token names.
     */
    private static boolean isOneClickUnsubscribe(RoutingContext ctx) {
        return ctx.normalizedPath().startsWith("/email/unsubscribe/");
    }

    private static boolean isApiKeyRequest(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && ctx.request().getHeader("Cookie") == null;
    }
}
