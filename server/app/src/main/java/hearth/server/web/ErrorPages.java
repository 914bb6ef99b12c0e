package hearth.server.web;

import hearth.api.errors.Conflict;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a page from the theme (or JSON for API clients) with a status and a sentence a person
 * understands. Unexpected errors are logged once with the request's correlation id, which the page shows instead
 * of a stack trace.
 */
public final class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final Pages pages;

    public ErrorPages(Pages pages) {
        this.pages = pages;
    }

    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        String id = RequestLog.id(ctx);
        switch (failure) {
            case NotLoggedIn e when wantsPage(ctx) && ctx.request().method() == HttpMethod.GET ->
                    Pages.redirect(ctx, "/login?next=" + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
            case NotLoggedIn e -> send(ctx, 401, e.getMessage(), null, id);
            case BadCredentials e -> ctx.response().setStatusCode(401) // JSON even on pages: a program sent it
                    .putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                    .end(new JsonObject().put("error", e.getMessage()).put("requestId", id).encode());
            case Forbidden e -> send(ctx, 403, e.getMessage(), null, id);
            case NotFound e -> send(ctx, 404, e.getMessage(), null, id);
            case Conflict e -> send(ctx, 409, e.getMessage(), null, id);
            case InvalidInput e -> send(ctx, 400, e.getMessage(), e.field(), id);
            case null, default -> {
                int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
                if (failure != null && isDatabaseUnavailable(failure)) {
                    status = 503;
                }
                if (status >= 500) {
                    log.error("{} {} failed [requestId={}]", ctx.request().method(), ctx.request().uri(), id, failure);
                }
                send(ctx, status, message(status), null, id);
            }
        }
    }

    private void send(RoutingContext ctx, int status, String message, String field, String id) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status);
        if (!wantsPage(ctx)) {
            JsonObject error = new JsonObject().put("error", message).put("requestId", id);
            if (field != null) {
                error.put("field", field);
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(error.encode());
            return;
        }
        String html;
        try {
            html = pages.render(ctx, "error", Map.of("status", status, "message", message, "requestId", id));
        } catch (RuntimeException e) {
            log.error("The error page itself failed to render [requestId={}]", id, e);
            html = "<!doctype html><title>Error " + status + "</title><h1>Error " + status + "</h1><p>" + message
                    + "</p><p>Reference: " + id + "</p>";
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(html);
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 401 -> "Please log in to see this page.";
            case 403 -> "You are not allowed to do that.";
            case 404 -> "There is nothing here. The page may have been moved or deleted.";
            case 405 -> "That action is not possible on this address.";
            case 413 -> "That upload is too large.";
            case 429 -> "Too many requests. Please wait a moment and try again.";
            case 503 -> "The site is briefly unavailable. Please try again in a moment.";
            default -> status >= 500 ? "Something went wrong on our side. It has been logged."
                    : "The request could not be completed.";
        };
    }

    private static boolean wantsPage(RoutingContext ctx) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        return !ctx.request().path().startsWith("/api/")
                && !(accept != null && accept.contains("application/json") && !accept.contains("text/html"));
    }

    private static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // SQLState class 08: connection exceptions (refused, broken, pool timed out).
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || (t instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
