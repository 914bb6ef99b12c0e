package hearth.server.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every request: gives it a correlation id (kept from a sane {@code X-Request-Id}, else new), sends
 * the id back, notes the client's address ({@link ClientAddresses}), and logs one line when the response is done.
 */
public final class RequestLog implements Handler<RoutingContext> {

    public static final String REQUEST_ID = "requestId";
    /** When the request arrived, in {@link System#nanoTime()} (for latencies). */
    public static final String STARTED_NANOS = "startedNanos";
    private static final Logger log = LoggerFactory.getLogger("hearth.requests");
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final Supplier<String> ids;
    private final Clock clock;
    private final BiConsumer<RoutingContext, Instant> finished;
    private final ClientAddresses clients;

    /** @param finished told of every request after its response, with when it arrived; it must return at once */
    public RequestLog(Supplier<String> ids, Clock clock, BiConsumer<RoutingContext, Instant> finished,
                      ClientAddresses clients) {
        this.ids = ids;
        this.clients = clients;
        this.clock = clock;
        this.finished = finished;
    }

    public static String id(RoutingContext ctx) {
        return ctx.get(REQUEST_ID, "-");
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        Instant arrived = clock.instant();
        String incoming = ctx.request().getHeader("X-Request-Id");
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : ids.get();
        ctx.put(REQUEST_ID, id);
        ctx.put(STARTED_NANOS, started);
        String client = clients.resolve(ctx.request());
        ctx.put(ClientAddresses.KEY, client);
        ctx.response().putHeader("X-Request-Id", id);
        ctx.addEndHandler(done -> {
            if (log.isInfoEnabled()) {
                log.info("{} {} {} {}B {}ms {} id={}", ctx.request().method(), ctx.request().uri(),
                        ctx.response().getStatusCode(), ctx.response().bytesWritten(),
                        (System.nanoTime() - started) / 1_000_000, client, id);
            }
            finished.accept(ctx, arrived);
        });
        ctx.next();
    }
}
