package hearth.server.plugins;

import hearth.api.observe.ObservedRequest;
import hearth.api.observe.RequestObserver;
import hearth.server.web.ClientAddresses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands finished requests to the running plugins' {@link RequestObserver}s without ever holding up a request:
 * {@link #finished} only puts the request in a bounded queue (when the queue is full the request is dropped and
 * counted, so a slow observer costs observations, never latency or memory). One virtual thread takes requests in
 * arrival order and calls every observer with each, through {@link PluginFaults}: one that throws is counted and
 * the others still see the request.
 */
public final class RequestObservers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestObservers.class);

    public static final int DEFAULT_CAPACITY = 10_000;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ActivePlugins plugins;
    private final PluginFaults faults;
    private final Clock clock;
    private final VisitorIds visitors;
    private final BlockingQueue<ObservedRequest> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean open = true;
    private Thread drainer;

    public RequestObservers(ActivePlugins plugins, PluginFaults faults, Clock clock) {
        this(plugins, faults, clock, DEFAULT_CAPACITY);
    }

    RequestObservers(ActivePlugins plugins, PluginFaults faults, Clock clock, int capacity) {
        this.plugins = plugins;
        this.faults = faults;
        this.clock = clock;
        this.visitors = new VisitorIds(clock);
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Starts the thread that calls the observers. */
    public synchronized void start() {
        if (drainer == null && open) {
            drainer = Thread.ofVirtual().name("hearth-request-observers").start(this::drain);
        }
    }

    /** A finished request to observe; returns at once (never blocks, whatever the observers do). */
    public void finished(ObservedRequest request) {
        if (!open || plugins.observers().isEmpty()) {
            return; // nobody is looking: nothing to queue
        }
        if (!queue.offer(request)) {
            dropped.incrementAndGet();
        }
    }

    /**
     * The one-line hook for the request log's end handler: observes a finished page or API request (health checks
     * and theme assets are not observed), timed with this instance's clock.
     */
    public void finished(RoutingContext ctx, Instant startedAt, Optional<Long> memberId) {
        String path = ctx.request().path();
        if (path == null || path.equals("/health") || path.startsWith("/assets/")
                || !open || plugins.observers().isEmpty()) {
            return;
        }
        finished(observed(ctx, startedAt, clock.instant(), memberId));
    }

    /** What observers get about a finished request: never the client's address, only its daily visitor id. */
    private ObservedRequest observed(RoutingContext ctx, Instant startedAt, Instant finishedAt,
                                     Optional<Long> memberId) {
        Duration took = Duration.between(startedAt, finishedAt);
        Optional<String> userAgent = Optional.ofNullable(ctx.request().getHeader(HttpHeaders.USER_AGENT));
        Optional<String> visitor = Optional.of(ClientAddresses.of(ctx)).filter(address -> !address.isEmpty())
                .map(address -> visitors.of(address, userAgent.orElse("")));
        return new ObservedRequest(startedAt, ctx.request().method().name(), ctx.request().path(),
                ctx.response().getStatusCode(), took.isNegative() ? Duration.ZERO : took, memberId,
                Optional.ofNullable(ctx.request().getHeader(HttpHeaders.REFERER)), userAgent, visitor);
    }

    /** How many requests were not observed because the queue was full, since the server started. */
    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        try {
            while (true) {
                ObservedRequest request = queue.poll(POLL.toNanos(), TimeUnit.NANOSECONDS);
                if (request != null) {
                    deliver(request);
                } else if (!open) {
                    return; // closed and drained
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(ObservedRequest request) {
        for (Owned<RequestObserver> observer : plugins.observers()) {
            faults.run(observer, "request observer", () -> observer.value().observe(request));
        }
    }

    /** Takes no more requests, lets the observers see the queued ones (for a few seconds at most) and stops. */
    @Override
    public void close() {
        Thread current;
        synchronized (this) {
            open = false;
            current = drainer;
        }
        if (current == null) {
            queue.clear();
            return;
        }
        try {
            current.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (current.isAlive()) {
            int left = queue.size();
            queue.clear();
            dropped.addAndGet(left);
            log.warn("Request observers did not finish within {} s at shutdown; {} request(s) not observed",
                    CLOSE_WAIT.toSeconds(), left);
        }
    }
}
