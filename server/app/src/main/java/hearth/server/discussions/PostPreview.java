package hearth.server.discussions;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * The live preview under the composers: {@code POST /preview} (htmx, form field {@code body}) answers with the HTML
 * the post would be stored with, through the same {@link Markdown} pipeline and sanitiser; {@code POST
 * /api/v1/preview} with {@code {"body"}} answers {@code {"html"}}. Members only; the length limit is the one posting
 * has, with the same message; shorter drafts than posting allows are previewed as they are.
 */
public final class PostPreview implements Routes {

    /** Previews a member may ask for per minute: about one per pause in typing, with room to spare. */
    public static final int PER_MINUTE = 60;

    private final Markdown markdown;
    private final PostRules rules;
    private final RateLimiter pace;

    public PostPreview(Markdown markdown, PostRules rules, RateLimiter pace) {
        this.markdown = markdown;
        this.rules = rules;
        this.pace = pace;
    }

    @Override
    public void mount(Router router) {
        router.post("/preview").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            preview(ctx, viewer, Forms.field(ctx, "body"), html -> send(ctx, 200, html),
                    (status, message) -> send(ctx, status, "<p class=\"error\" role=\"alert\">"
                            + escape(message) + "</p>"));
        });
        router.post("/api/v1/preview").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            String body = Json.string(Json.body(ctx), "body");
            preview(ctx, viewer, body, html -> Json.send(ctx, 200, new JsonObject().put("html", html)),
                    (status, message) -> Json.send(ctx, status, new JsonObject().put("error", message)
                            .put("field", "body")));
        });
    }

    private interface Refusal {
        void send(int status, String message);
    }

    private void preview(RoutingContext ctx, Viewer viewer, String raw, Consumer<String> done, Refusal refused) {
        if (!pace.tryAcquire("member:" + viewer.memberId())) {
            refused.send(429, "Previews are coming too quickly. Please wait a moment.");
            return;
        }
        String body;
        try {
            body = rules.draft(raw);
        } catch (InvalidInput invalid) {
            refused.send(400, invalid.getMessage());
            return;
        }
        // Rendering 20,000 characters of Markdown is CPU work: not on the event loop.
        Future<String> html = body.isEmpty() ? Future.succeededFuture("")
                : ctx.vertx().executeBlocking(() -> markdown.toHtml(body), false);
        html.onSuccess(done::accept).onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, int status, String html) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(html);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
