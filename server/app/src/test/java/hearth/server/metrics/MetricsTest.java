package hearth.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: only with the token, in Prometheus' format, with the figures an operator watches. */
class MetricsTest {

    static final String TOKEN = "scrape-token-0123456789abcdef";

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--metrics-token", TOKEN, "--no-demo");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void onlyTheScraperWithTheTokenReadsThem() {
        HttpResponse<String> none = site.get("/metrics");
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"metrics\"", none.headers().firstValue("www-authenticate").orElseThrow());
        assertEquals(401, site.get("/metrics", "Authorization", "Bearer " + TOKEN + "x").statusCode());
        assertEquals(401, site.get("/metrics", "Authorization", "Basic " + TOKEN).statusCode());
    }

    @Test
    void requestsPerRouteThePoolTheJournalAndTheJvm() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, site.get("/").statusCode());
        }
        assertEquals(404, site.get("/no/such/page/here").statusCode());
        HttpResponse<String> scraped = site.get("/metrics", "Authorization", "Bearer " + TOKEN);
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        String text = scraped.body();

        assertTrue(count(text, "hearth_http_requests_total{method=\"GET\",route=\"/\",status=\"2xx\"}") >= 3, text);
        assertTrue(count(text, "hearth_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"4xx\"}") >= 1,
                text);
        assertEquals(count(text, "hearth_http_request_duration_seconds_count{method=\"GET\",route=\"/\",status=\"2xx\"}"),
                count(text, "hearth_http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",status=\"2xx\","
                        + "le=\"+Inf\"}"), "the last bucket holds every request");
        assertTrue(text.contains("# TYPE hearth_http_request_duration_seconds histogram"), text);
        assertEquals(10, count(text, "hearth_db_pool_max_connections"), "the default pool size");
        assertEquals(1, count(text, "hearth_db_up"));
        assertTrue(count(text, "hearth_journal_lag_entries{listener=\"core.notifications.replies\"}") >= 0);
        assertTrue(count(text, "jvm_memory_used_bytes{area=\"heap\"}") > 0, text);
        assertTrue(count(text, "jvm_threads_live") > 0, text);
        assertTrue(text.contains("jvm_gc_collections_total{gc="), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("#") || line.matches("[a-z_]+(\\{[^}]*})? -?[0-9.]+(E-?[0-9]+)?"),
                    "a sample line in the exposition format: " + line);
        }
    }

    private static double count(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertTrue(m.find(), series + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
