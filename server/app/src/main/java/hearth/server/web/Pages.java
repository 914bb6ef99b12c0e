package hearth.server.web;

import hearth.api.errors.InvalidInput;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Renders pages: the model (loaded off the event loop) plus what every page needs about the request (the viewer,
 * the CSRF token). Any failure, rendering included, goes to the error page.
 */
public final class Pages {

    private final Templates templates;
    private final Function<RoutingContext, Map<String, Object>> requestGlobals;
    private final PageCache shared;

    public Pages(Templates templates, Function<RoutingContext, Map<String, Object>> requestGlobals, PageCache shared) {
        this.templates = templates;
        this.requestGlobals = requestGlobals;
        this.shared = shared;
    }

    /**
     * What {@link #fromCache} found: the page was sent from the cache, or it is still to be rendered, with the slot
     * to keep it in (null when the page is not shared: a signed-in member's).
     */
    public record Lookup(boolean sent, PageCache.Slot slot) {
    }

    /**
     * For pages every visitor without an account sees alike (opt-in: the caller knows the page is the same for all of
     * them): sends the page from the {@link PageCache} if it is there.
     */
    public Lookup fromCache(RoutingContext ctx) {
        Map<String, Object> globals = requestGlobals.apply(ctx);
        Optional<PageCache.Slot> slot = shared.slot(ctx.request().method().name(), ctx.request().uri(),
                globals.containsKey("viewer"), ctx.request().getHeader("HX-Request") != null, globals);
        Optional<Buffer> hit = slot.flatMap(s -> shared.get(s.key(), Csrf.token(ctx)));
        hit.ifPresent(html -> send(ctx, 200, html));
        return new Lookup(hit.isPresent(), slot.orElse(null));
    }

    /** {@link #respond} for a page every visitor without an account sees alike: its model is loaded on a miss only. */
    public void respondShared(RoutingContext ctx, String template,
                              Supplier<Future<? extends Map<String, ?>>> model) {
        Lookup lookup = fromCache(ctx);
        if (!lookup.sent()) {
            model.get().onSuccess(m -> showShared(ctx, lookup, template, m)).onFailure(ctx::fail);
        }
    }

    /** Shows a page that {@link #fromCache} did not have: rendered once for every visitor when it is shared. */
    public void showShared(RoutingContext ctx, Lookup lookup, String template, Map<String, ?> model) {
        if (lookup.slot() == null) {
            show(ctx, 200, template, model);
            return;
        }
        String html;
        try {
            Map<String, Object> withMarker = new HashMap<>(model);
            withMarker.put("csrf", shared.marker());
            html = render(ctx, template, withMarker);
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        shared.put(lookup.slot(), html);
        send(ctx, 200, html.replace(shared.marker(), Csrf.token(ctx)));
    }

    public void respond(RoutingContext ctx, String template, Future<? extends Map<String, ?>> model) {
        model.map(m -> render(ctx, template, m))
                .onSuccess(html -> send(ctx, 200, html))
                .onFailure(ctx::fail);
    }

    /**
     * Renders synchronously; for forms whose model is already at hand (e.g. shown again with errors). Often called
     * from a future's callback, where a thrown exception would leave the request hanging: it goes to the error page.
     */
    public void show(RoutingContext ctx, int status, String template, Map<String, ?> model) {
        String html;
        try {
            html = render(ctx, template, model);
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        send(ctx, status, html);
    }

    /** Shows a form again with the person's input and one message per field. */
    public void showErrors(RoutingContext ctx, String template, Map<String, ?> values, InvalidInput invalid) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("errors", invalid.errors());
        show(ctx, 400, template, model);
    }

    /** What every page gets about the request (viewer, CSRF token, display preferences), for rendering it later. */
    public Map<String, Object> globals(RoutingContext ctx) {
        return requestGlobals.apply(ctx);
    }

    public String render(RoutingContext ctx, String template, Map<String, ?> model) {
        Map<String, Object> context = new HashMap<>(requestGlobals.apply(ctx));
        context.putAll(model);
        return templates.render(template, context);
    }

    /**
     * The failure handler of a form: invalid input shows the form again ({@code showForm}), anything else goes to
     * the error pages.
     */
    public static Handler<Throwable> formFailure(RoutingContext ctx, Consumer<InvalidInput> showForm) {
        return failure -> {
            if (failure instanceof InvalidInput invalid) {
                showForm.accept(invalid);
            } else {
                ctx.fail(failure);
            }
        };
    }

    /** After a successful form: see-other, so a reload does not post again. */
    public static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, location).end();
    }

    private static void send(RoutingContext ctx, int status, String html) {
        send(ctx, status, Buffer.buffer(html));
    }

    private static void send(RoutingContext ctx, int status, Buffer html) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(html);
    }
}
