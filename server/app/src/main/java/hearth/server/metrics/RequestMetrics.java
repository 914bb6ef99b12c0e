package hearth.server.metrics;

import hearth.server.web.RequestLog;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts and latency histograms per route, recorded when each response is done. Lock-free adders only, so
 * recording costs the event loop next to nothing. Routes are the router's path patterns ({@code /t/:id}), never the
 * raw paths, so the number of series stays bounded.
 */
public final class RequestMetrics {

    /** Histogram bucket bounds, in seconds. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    record Key(String method, String route, String status) {
    }

    static final class Series {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final DoubleAdder seconds = new DoubleAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void add(double elapsed) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (elapsed <= BUCKETS[i]) {
                    buckets[i].increment();
                    break; // buckets are cumulated when written out
                }
            }
            count.increment();
            seconds.add(elapsed);
        }
    }

    private final Map<Key, Series> series = new ConcurrentHashMap<>();

    /** Records a finished request; call from the response's end handler. */
    public void record(RoutingContext ctx) {
        Long started = ctx.get(RequestLog.STARTED_NANOS);
        if (started == null) {
            return;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        int status = ctx.response().getStatusCode();
        Key key = new Key(ctx.request().method().name(), route(ctx, status), (status / 100) + "xx");
        series.computeIfAbsent(key, k -> new Series()).add(elapsed);
    }

    private static String route(RoutingContext ctx, int status) {
        Route route = ctx.currentRoute();
        String path = route == null ? null : route.getPath();
        if (path != null) {
            return path;
        }
        return status == 404 ? "unmatched" : "other";
    }

    Map<Key, Series> series() {
        return series;
    }
}
