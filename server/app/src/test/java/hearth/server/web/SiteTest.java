package hearth.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The demo site over HTTP: home page, health, assets, error pages. */
class SiteTest {

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void homePageShowsTheSeededDemoCommunityFromTheTheme() {
        HttpResponse<String> home = site.get("/");
        assertEquals(200, home.statusCode());
        assertEquals("text/html; charset=utf-8", home.headers().firstValue("content-type").orElseThrow());
        String html = home.body();
        assertTrue(html.contains("Welcome to the Riverside Growers community!"), html);
        assertTrue(html.contains("Tomato leaves curling upwards: should I worry?"));
        assertTrue(html.contains("Events &amp; Meetups"), "names are HTML-escaped");
        assertTrue(html.contains("<a class=\"skip\" href=\"#main\">"), "rendered through the default layout");
        // Latest activity first: the last topic the story started is on top.
        assertTrue(html.indexOf("What are you growing this year?") < html.indexOf("Welcome to the Riverside"));
    }

    @Test
    void healthReportsVersionAndDatabase() {
        HttpResponse<String> health = site.get("/health");
        assertEquals(200, health.statusCode());
        JsonObject json = new JsonObject(health.body());
        assertEquals("ok", json.getString("status"));
        assertEquals("up", json.getString("database"));
        assertEquals(hearth.server.Version.current(), json.getString("version"));
        assertFalse(json.getString("version").isBlank());
    }

    @Test
    void themeAssetsAreCompressedAndCachedForAYear() throws IOException {
        String css = assetPath("css/site.css");
        HttpResponse<byte[]> response = getBytes(css, "Accept-Encoding", "gzip");
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("content-encoding").orElse(""));
        assertEquals("public, max-age=31536000, immutable", response.headers().firstValue("cache-control").orElseThrow());
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(text.contains("prefers-color-scheme: dark"));

        String etag = response.headers().firstValue("etag").orElseThrow();
        assertEquals(304, site.get(css, "If-None-Match", etag).statusCode());
    }

    @Test
    void htmxAndItsSseExtensionComeFromTheWebJars() {
        String home = site.get("/").body();
        for (String script : new String[] {"vendor/htmx.min.js", "vendor/htmx-ext-sse.js", "js/site.js"}) {
            assertTrue(home.contains(assetPath(script) + "\""), "the layout loads " + script);
            HttpResponse<String> js = site.get(assetPath(script));
            assertEquals(200, js.statusCode(), script);
            assertTrue(js.headers().firstValue("content-type").orElseThrow().startsWith("text/javascript"), script);
        }
        assertTrue(site.get(assetPath("vendor/htmx.min.js")).body().contains("htmx"));
        assertTrue(site.get(assetPath("vendor/htmx-ext-sse.js")).body().contains("defineExtension('sse'"));
        assertEquals(404, site.get(assetPath("vendor/jquery.min.js")).statusCode(), "only the listed WebJars");
    }

    @Test
    void assetPathsCannotEscapeTheTheme() {
        String base = assetPath("");
        assertEquals(404, site.get(base + "../../theme.properties").statusCode());
        assertEquals(404, site.get(base + "css/%2e%2e/%2e%2e/theme.properties").statusCode());
        assertEquals(404, site.get(base + "css/missing.css").statusCode());
        assertEquals(404, site.get("/assets/0000000000/css/site.css").statusCode(), "a stale fingerprint");
    }

    @Test
    void unknownPagesGetTheThemesNotFoundPage() {
        HttpResponse<String> missing = site.get("/no/such/page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Page not found"), missing.body());
        assertTrue(missing.body().contains("<a class=\"skip\""), "rendered through the theme layout");
        assertTrue(missing.headers().firstValue("x-request-id").isPresent());
    }

    @Test
    void apiClientsGetJsonErrors() {
        HttpResponse<String> missing = site.get("/api/v1/nothing");
        assertEquals(404, missing.statusCode());
        JsonObject json = new JsonObject(missing.body());
        assertEquals("There is nothing here. The page may have been moved or deleted.", json.getString("error"));
        assertEquals(missing.headers().firstValue("x-request-id").orElseThrow(), json.getString("requestId"));
    }

    @Test
    void serverErrorsShowACorrelationIdThatIsInTheLogButNoStackTrace(@TempDir Path brokenDir) throws IOException {
        // An installed theme whose home template does not compile makes the home page fail.
        Path theme = brokenDir.resolve("themes/broken");
        Files.createDirectories(theme.resolve("templates"));
        Files.writeString(theme.resolve("theme.properties"), "name=Broken\nversion=1\nparent=default\n");
        Files.writeString(theme.resolve("templates/home.peb"), "{% extends \"layout\" %}{% block content %}{{ oops( }}");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger errorLog = (Logger) LoggerFactory.getLogger(ErrorPages.class);
        errorLog.addAppender(log);
        try (TestSite broken = TestSite.start(brokenDir, "--theme", "broken", "--no-demo")) {
            HttpResponse<String> page = broken.get("/");
            assertEquals(500, page.statusCode());
            String id = page.headers().firstValue("x-request-id").orElseThrow();
            assertTrue(page.body().contains("Something went wrong"), page.body());
            assertTrue(page.body().contains("<code>" + id + "</code>"), page.body());
            assertFalse(page.body().contains("Exception"), "no stack trace in the page");
            assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("requestId=" + id)
                    && e.getThrowableProxy() != null), "the log has the id and the stack trace");
            // The rest of the theme chain still works: the error page came from the parent theme.
            assertEquals(404, broken.get("/nothing").statusCode());
        } finally {
            errorLog.detachAppender(log);
        }
    }

    @Test
    void aClientSuppliedRequestIdIsKeptWhenSane() {
        assertEquals("trace-12345678", site.get("/health", "X-Request-Id", "trace-12345678")
                .headers().firstValue("x-request-id").orElseThrow());
        assertFalse(site.get("/health", "X-Request-Id", "<script>").headers().firstValue("x-request-id")
                .orElseThrow().contains("<"));
    }

    private static String assetPath(String file) {
        Matcher m = Pattern.compile("href=\"(/assets/[0-9a-f]+/)css/site.css\"").matcher(site.get("/").body());
        assertTrue(m.find(), "the layout links the stylesheet");
        return m.group(1) + file;
    }

    private static HttpResponse<byte[]> getBytes(String path, String... headers) {
        try {
            return site.http().send(HttpRequest.newBuilder(site.uri(path)).headers(headers).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
