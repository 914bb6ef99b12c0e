package hearth.server.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import hearth.api.errors.Conflict;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.server.accounts.Viewer;
import hearth.server.web.ClientAddresses;
import hearth.server.web.NotLoggedIn;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Serves the running plugins' routes: pages under {@code /x/<id>/}, admin sections under {@code /admin/x/<id>/}
 * (admins only). A route of a plugin that is not running answers 404. Handlers run on virtual threads; the typed
 * errors they throw become the usual 4xx pages, anything else is contained and answered with a 500 page.
 */
public final class PluginPages implements Routes {

    private final ActivePlugins active;
    private final PluginFaults faults;
    private final Pages pages;
    private final ExecutorService handlers;

    public PluginPages(ActivePlugins active, PluginFaults faults, Pages pages, ExecutorService handlers) {
        this.active = active;
        this.faults = faults;
        this.pages = pages;
        this.handlers = handlers;
    }

    @Override
    public void mount(Router router) {
        router.route("/x/:plugin/*").handler(ctx -> handle(ctx, false, false));
        router.route("/admin/x/:plugin/*").handler(ctx -> handle(ctx, true, false));
        // A plugin's JSON API: its page routes under /api, here where API clients and JSON errors are at home.
        router.route("/api/v1/x/:plugin/*").handler(ctx -> handle(ctx, false, true));
    }

    private void handle(RoutingContext ctx, boolean admin, boolean api) {
        String pluginId = ctx.pathParam("plugin");
        String prefix = (api ? "/api/v1/x/" : admin ? "/admin/x/" : "/x/") + pluginId;
        String path = (api ? "/api" : "") + ctx.normalizedPath()
                .substring(Math.min(prefix.length(), ctx.normalizedPath().length()));
        Optional<Viewer> viewer = Viewer.of(ctx);
        if (admin) {
            Viewer.requiredAdmin(ctx, "Only admins can open a plugin's admin section.");
        }
        String method = ctx.request().method().name();
        Optional<RouteMatch> match = active.route(pluginId, admin, method, path.isEmpty() ? "/" : path);
        if (match.isEmpty()) {
            ctx.fail(404);
            return;
        }
        RouteMatch route = match.get();
        Request request = new Request(method, path.isEmpty() ? "/" : path, route.params(), ctx,
                viewer.map(Viewer::asMemberView));
        CompletableFuture<PageResponse> answer = CompletableFuture.supplyAsync(() -> call(route, request), handlers);
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(response -> respond(ctx, pluginId, response))
                .onFailure(failure -> ctx.fail(failure instanceof java.util.concurrent.CompletionException c
                        && c.getCause() != null ? c.getCause() : failure));
    }

    private PageResponse call(RouteMatch route, PageRequest request) {
        Owned<?> owner = route.handler();
        try {
            PageResponse response = WithClassLoader.call(owner.classLoader(), () -> route.handler().value()
                    .handle(request));
            if (response == null) {
                throw new IllegalStateException("the handler answered null");
            }
            return response;
        } catch (InvalidInput | Forbidden | NotFound | Conflict | NotLoggedIn typed) {
            throw typed;
        } catch (Exception | LinkageError e) {
            faults.record(owner.pluginId(), "route " + request.method() + " " + request.path(), e);
            throw new PluginRouteFailed(owner.pluginId());
        }
    }

    private void respond(RoutingContext ctx, String pluginId, PageResponse response) {
        if (response.template() != null) {
            pages.show(ctx, response.status(), response.template(), response.model());
        } else if (response.location() != null) {
            ctx.response().setStatusCode(response.status()).putHeader(HttpHeaders.LOCATION, response.location()).end();
        } else if ("application/json".equals(response.contentType())) {
            String json;
            try {
                json = active.active(pluginId).orElseThrow(() -> new NotFound("The plugin stopped."))
                        .json().writeValueAsString(response.body());
            } catch (JsonProcessingException | RuntimeException e) {
                faults.record(pluginId, "JSON response", e);
                ctx.fail(new PluginRouteFailed(pluginId));
                return;
            }
            ctx.response().setStatusCode(response.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(json);
        } else {
            ctx.response().setStatusCode(response.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, response.contentType()).end(String.valueOf(response.body()));
        }
    }

    /** A plugin's handler failed; the error is in the plugin's tally, the person sees a plain 500 page. */
    static final class PluginRouteFailed extends RuntimeException {
        PluginRouteFailed(String pluginId) {
            super("Plugin " + pluginId + " failed to answer this request", null, false, false);
        }
    }

    /**
     * The top-level fields of a JSON object body, as text: an array of plain values is a field that repeats (like
     * checkboxes), other nested values are their JSON. Empty for other bodies.
     */
    private static Map<String, List<String>> jsonFields(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.startsWith("application/json") || ctx.body() == null || ctx.body().length() <= 0) {
            return Map.of();
        }
        JsonObject json;
        try {
            json = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInput("body", "Send a JSON object.");
        }
        if (json == null) {
            return Map.of();
        }
        Map<String, List<String>> fields = new HashMap<>();
        json.forEach(entry -> {
            Object value = entry.getValue();
            if (value instanceof JsonArray array
                    && array.stream().allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean)) {
                fields.put(entry.getKey(), array.stream().map(String::valueOf).toList());
            } else if (value != null) {
                fields.put(entry.getKey(), List.of(String.valueOf(value)));
            }
        });
        return fields;
    }

    /** The request as a plugin handler reads it, copied off the routing context before the handler runs. */
    private static final class Request implements PageRequest {
        private final String method;
        private final String path;
        private final Map<String, String> params;
        private final Map<String, List<String>> query = new HashMap<>();
        private final Map<String, List<String>> form = new HashMap<>();
        private final Map<String, String> headers = new HashMap<>();
        private final Optional<MemberView> viewer;
        private final String clientAddress;

        Request(String method, String path, Map<String, String> params, RoutingContext ctx,
                Optional<MemberView> viewer) {
            this.method = method;
            this.path = path;
            this.params = params;
            this.viewer = viewer;
            this.clientAddress = ClientAddresses.of(ctx);
            ctx.queryParams().names().forEach(n -> query.put(n, ctx.queryParams().getAll(n)));
            ctx.request().formAttributes().names().forEach(n -> form.put(n, ctx.request().formAttributes().getAll(n)));
            jsonFields(ctx).forEach(form::putIfAbsent);
            ctx.request().headers().names().forEach(n -> headers.put(n.toLowerCase(java.util.Locale.ROOT),
                    ctx.request().headers().get(n)));
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String param(String name) {
            String value = params.get(name);
            if (value == null) {
                throw new IllegalArgumentException("The route has no :" + name + " segment");
            }
            return value;
        }

        @Override
        public Optional<String> query(String name) {
            return first(query.get(name));
        }

        @Override
        public List<String> formValues(String name) {
            return List.copyOf(form.getOrDefault(name, List.of()));
        }

        @Override
        public Optional<String> form(String name) {
            return first(form.get(name));
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }

        @Override
        public String clientAddress() {
            return clientAddress;
        }

        @Override
        public Optional<MemberView> viewer() {
            return viewer;
        }

        @Override
        public boolean htmx() {
            return headers.containsKey("hx-request");
        }

        private static Optional<String> first(List<String> values) {
            return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.getFirst());
        }
    }
}
