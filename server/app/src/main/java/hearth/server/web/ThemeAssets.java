package hearth.server.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the theme chains' static files under {@code /assets/<fingerprint>/}, each chain (the site's theme, those
 * members picked) under its own fingerprint. Files are read once (off the event
 * loop) and kept in memory, so responses are compressed like any other and carry an ETag; the fingerprint in the
 * path changes with every version, so browsers may keep them for a year. Under {@code vendor/} come the WebJars'
 * scripts (htmx and its SSE extension) unless a theme ships its own.
 */
final class ThemeAssets implements Handler<RoutingContext> {

    /** Where the WebJars' scripts (htmx) appear when no theme has a file of that name. */
    static final String VENDOR = "vendor/";
    private static final long MAX_AGE = Duration.ofDays(365).toSeconds();
    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private record Asset(Buffer body, String type, String etag) {
    }

    private static final String PREFIX = "/assets/";
    private final SiteThemes themes;
    private final ClassLoader loader;
    /** By fingerprint and path. */
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    ThemeAssets(SiteThemes themes, ClassLoader loader) {
        this.themes = themes;
        this.loader = loader;
    }

    String route() {
        return PREFIX + "*";
    }

    @Override
    public void handle(RoutingContext ctx) {
        String rest = ctx.normalizedPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        Optional<Themes> chain = slash <= 0 ? Optional.empty()
                : themes.byAssetPath(PREFIX + rest.substring(0, slash));
        if (chain.isEmpty()) {
            ctx.fail(404);
            return;
        }
        String path = rest.substring(slash + 1);
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!SAFE_PATH.matcher(path).matches() || !TYPES.containsKey(extension)) {
            ctx.fail(404);
            return;
        }
        String key = rest;
        Asset cached = cache.get(key);
        if (cached != null) {
            send(ctx, cached);
            return;
        }
        ctx.vertx().executeBlocking(() -> load(chain.get(), path, extension)).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
            } else if (result.result().isEmpty()) {
                // Not in any theme. Fail rather than pass it on: the request has ended, and later handlers (the
                // body parser) must run before that.
                ctx.fail(404);
            } else {
                Asset asset = result.result().get();
                cache.put(key, asset); // only files that exist, so made-up paths cannot grow the cache
                send(ctx, asset);
            }
        });
    }

    private Optional<Asset> load(Themes chain, String path, String extension) throws Exception {
        for (Theme theme : chain.chain()) {
            Optional<byte[]> bytes = theme.readStatic(path, loader);
            if (bytes.isPresent()) {
                return Optional.of(asset(bytes.get(), extension));
            }
        }
        if (path.startsWith(VENDOR)) {
            String resource = vendorResources().getProperty(path.substring(VENDOR.length()));
            if (resource != null) {
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in != null) {
                        return Optional.of(asset(in.readAllBytes(), extension));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Properties vendorResources() throws IOException {
        Properties vendor = new Properties();
        try (InputStream in = loader.getResourceAsStream("hearth/vendor.properties")) {
            if (in != null) {
                vendor.load(in);
            }
        }
        return vendor;
    }

    private static Asset asset(byte[] bytes, String extension) throws NoSuchAlgorithmException {
        return new Asset(Buffer.buffer(bytes), TYPES.get(extension), etag(bytes));
    }

    private static void send(RoutingContext ctx, Asset asset) {
        ctx.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MAX_AGE + ", immutable")
                .putHeader(HttpHeaders.ETAG, asset.etag());
        if (asset.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, asset.type()).end(asset.body());
    }

    private static String etag(byte[] bytes) throws NoSuchAlgorithmException {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
    }
}
