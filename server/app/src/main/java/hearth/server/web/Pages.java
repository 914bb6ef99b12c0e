package hearth.server.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Renders a page from a model loaded off the event loop; any failure, rendering included, goes to the error page. */
public final class Pages {

    private final Templates templates;

    public Pages(Templates templates) {
        this.templates = templates;
    }

    public void respond(RoutingContext ctx, String template, Future<? extends Map<String, ?>> model) {
        model.map(m -> templates.render(template, m))
                .onSuccess(html -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(html))
                .onFailure(ctx::fail);
    }
}
