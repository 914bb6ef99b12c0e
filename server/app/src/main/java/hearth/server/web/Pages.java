package hearth.server.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Sends rendered pages. */
public final class Pages {

    private Pages() {
    }

    public static void html(RoutingContext ctx, String html) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(html);
    }
}
