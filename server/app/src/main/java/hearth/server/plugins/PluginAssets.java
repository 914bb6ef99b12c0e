package hearth.server.plugins;

import hearth.server.web.Routes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the running plugins' static files at {@code /plugin-assets/<id>/<version>/<path>}. The version in the path
 * changes with every upgrade, so a year of browser caching never serves an old file; a request for another version
 * than the running one answers 404.
 */
public final class PluginAssets implements Routes {

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._/-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"),
            Map.entry("json", "application/json"), Map.entry("txt", "text/plain; charset=utf-8"));

    private final ActivePlugins active;

    public PluginAssets(ActivePlugins active) {
        this.active = active;
    }

    static String url(String pluginId, String version, String path) {
        return "/plugin-assets/" + pluginId + "/" + version + "/" + (path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public void mount(Router router) {
        router.get("/plugin-assets/:plugin/:version/*").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        String pluginId = ctx.pathParam("plugin");
        String path = ctx.pathParam("*");
        Optional<ActivePlugins.Active> plugin = active.active(pluginId);
        String type = TYPES.get(extension(path));
        if (plugin.isEmpty() || type == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")
                || !plugin.get().version().equals(ctx.pathParam("version"))) {
            ctx.fail(404);
            return;
        }
        ClassLoader loader = plugin.get().classLoader();
        ctx.vertx().executeBlocking(() -> {
            try (InputStream in = loader.getResourceAsStream("hearth-plugin/" + pluginId + "/static/" + path)) {
                return in == null ? null : in.readAllBytes();
            }
        }, false).onSuccess(bytes -> {
            if (bytes == null) {
                ctx.fail(404);
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                    .end(Buffer.buffer(bytes));
        }).onFailure(ctx::fail);
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

}
