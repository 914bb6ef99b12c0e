package hearth.server.metrics;

import hearth.server.db.Database;
import hearth.server.db.JournalDispatcher;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /metrics} in Prometheus' text format: requests per route, the database pool, each journal listener's
 * lag, the JVM. Only for a scraper that sends {@code Authorization: Bearer <metrics-token>}; the endpoint does not
 * exist while no token is configured.
 */
public final class MetricsEndpoint implements Handler<RoutingContext> {

    private final byte[] expected;
    private final RequestMetrics requests;
    private final Database db;
    private final JournalDispatcher journal;
    private final String version;

    public MetricsEndpoint(String token, RequestMetrics requests, Database db, JournalDispatcher journal,
                           String version) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.requests = requests;
        this.db = db;
        this.journal = journal;
        this.version = version;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader("Authorization");
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"")
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Send the metrics token: Authorization: Bearer <metrics-token>\n");
            return;
        }
        db.read(journal::lagByListener).onComplete(lag -> {
            StringBuilder text = new StringBuilder();
            text.append("# HELP hearth_info The running version.\n# TYPE hearth_info gauge\n")
                    .append("hearth_info{version=\"").append(escape(version)).append("\"} 1\n");
            writeRequests(text);
            writePool(text);
            writeJournal(text, lag.succeeded() ? lag.result() : null);
            writeJvm(text);
            ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .putHeader("Cache-Control", "no-store").end(text.toString());
        });
    }

    private void writeRequests(StringBuilder text) {
        text.append("# HELP hearth_http_requests_total Requests answered, by method, route and status class.\n")
                .append("# TYPE hearth_http_requests_total counter\n");
        Map<RequestMetrics.Key, RequestMetrics.Series> all = new TreeMap<>(
                Comparator.comparing((RequestMetrics.Key k) -> k.route()).thenComparing(k -> k.method())
                        .thenComparing(k -> k.status()));
        all.putAll(requests.series());
        all.forEach((key, s) -> text.append("hearth_http_requests_total{").append(labels(key)).append("} ")
                .append(s.count.sum()).append('\n'));
        text.append("# HELP hearth_http_request_duration_seconds Time from a request's arrival to its response's end.\n")
                .append("# TYPE hearth_http_request_duration_seconds histogram\n");
        all.forEach((key, s) -> {
            long cumulated = 0;
            for (int i = 0; i < RequestMetrics.BUCKETS.length; i++) {
                cumulated += s.buckets[i].sum();
                text.append("hearth_http_request_duration_seconds_bucket{").append(labels(key)).append(",le=\"")
                        .append(RequestMetrics.BUCKETS[i]).append("\"} ").append(cumulated).append('\n');
            }
            long count = s.count.sum();
            text.append("hearth_http_request_duration_seconds_bucket{").append(labels(key)).append(",le=\"+Inf\"} ")
                    .append(count).append('\n');
            text.append("hearth_http_request_duration_seconds_sum{").append(labels(key)).append("} ")
                    .append(number(s.seconds.sum())).append('\n');
            text.append("hearth_http_request_duration_seconds_count{").append(labels(key)).append("} ")
                    .append(count).append('\n');
        });
    }

    private void writePool(StringBuilder text) {
        Database.PoolUsage pool = db.poolUsage();
        gauge(text, "hearth_db_pool_active_connections", "Database connections in use.", pool.active());
        gauge(text, "hearth_db_pool_idle_connections", "Open database connections not in use.", pool.idle());
        gauge(text, "hearth_db_pool_max_connections", "The most database connections the pool opens.", pool.max());
        gauge(text, "hearth_db_pool_waiting_threads", "Threads waiting for a database connection.", pool.waiting());
    }

    private static void writeJournal(StringBuilder text, Map<String, Long> lag) {
        gauge(text, "hearth_db_up", "1 when the database answered this scrape's query.", lag == null ? 0 : 1);
        if (lag == null) {
            return;
        }
        text.append("# HELP hearth_journal_lag_entries Journal entries a listener on this node has still to handle.\n")
                .append("# TYPE hearth_journal_lag_entries gauge\n");
        lag.forEach((listener, behind) -> text.append("hearth_journal_lag_entries{listener=\"").append(escape(listener))
                .append("\"} ").append(behind).append('\n'));
    }

    private static void writeJvm(StringBuilder text) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        text.append("# HELP jvm_memory_used_bytes Memory in use.\n# TYPE jvm_memory_used_bytes gauge\n")
                .append("jvm_memory_used_bytes{area=\"heap\"} ").append(heap.getUsed()).append('\n')
                .append("jvm_memory_used_bytes{area=\"nonheap\"} ").append(nonHeap.getUsed()).append('\n');
        text.append("# HELP jvm_memory_committed_bytes Memory the JVM holds from the system.\n")
                .append("# TYPE jvm_memory_committed_bytes gauge\n")
                .append("jvm_memory_committed_bytes{area=\"heap\"} ").append(heap.getCommitted()).append('\n')
                .append("jvm_memory_committed_bytes{area=\"nonheap\"} ").append(nonHeap.getCommitted()).append('\n');
        gauge(text, "jvm_memory_max_bytes", "The most heap the JVM may use.", heap.getMax());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        gauge(text, "jvm_threads_live", "Live platform threads.", threads.getThreadCount());
        gauge(text, "jvm_threads_peak", "The most live platform threads so far.", threads.getPeakThreadCount());
        text.append("# HELP jvm_gc_collections_total Garbage collections, by collector.\n")
                .append("# TYPE jvm_gc_collections_total counter\n");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            text.append("jvm_gc_collections_total{gc=\"").append(escape(gc.getName())).append("\"} ")
                    .append(Math.max(0, gc.getCollectionCount())).append('\n');
        }
        text.append("# HELP jvm_gc_collection_seconds_total Time spent in garbage collection, by collector.\n")
                .append("# TYPE jvm_gc_collection_seconds_total counter\n");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            text.append("jvm_gc_collection_seconds_total{gc=\"").append(escape(gc.getName())).append("\"} ")
                    .append(number(Math.max(0, gc.getCollectionTime()) / 1000.0)).append('\n');
        }
        gauge(text, "process_uptime_seconds", "Seconds since the JVM started.",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    }

    private static void gauge(StringBuilder text, String name, String help, double value) {
        text.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" gauge\n").append(name).append(' ').append(number(value)).append('\n');
    }

    private static String labels(RequestMetrics.Key key) {
        return "method=\"" + key.method() + "\",route=\"" + escape(key.route()) + "\",status=\"" + key.status() + "\"";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.6f", value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
