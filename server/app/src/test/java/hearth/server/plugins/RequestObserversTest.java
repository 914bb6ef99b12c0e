package hearth.server.plugins;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.observe.ObservedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request observers: in order, contained, and never in the way of a request. */
class RequestObserversTest {

    private static final Instant AT = Instant.parse("2030-05-01T08:00:00Z");

    ActivePlugins plugins = new ActivePlugins();
    PluginFaults faults = new PluginFaults(Clock.systemUTC());
    RequestObservers observers;

    @AfterEach
    void close() {
        if (observers != null) {
            observers.close();
        }
    }

    private RequestObservers started(int capacity) {
        observers = new RequestObservers(plugins, faults, Clock.systemUTC(), capacity);
        observers.start();
        return observers;
    }

    private static ObservedRequest request(int n) {
        return new ObservedRequest(AT.plusMillis(n), "GET", "/t/" + n, 200, Duration.ofMillis(3), Optional.empty(),
                Optional.empty());
    }


    @Test
    void everyObserverSeesEveryRequestInTheOrderTheyFinished() throws Exception {
        List<ObservedRequest> first = new CopyOnWriteArrayList<>();
        List<ObservedRequest> second = new CopyOnWriteArrayList<>();
        FakePlugins.observing(plugins, "analytics", first::add);
        FakePlugins.observing(plugins, "audit", second::add);
        started(RequestObservers.DEFAULT_CAPACITY);

        List<ObservedRequest> sent = IntStream.rangeClosed(1, 500).mapToObj(RequestObserversTest::request).toList();
        sent.forEach(observers::finished);

        eventually("both observers to see all", () -> first.size() == 500 && second.size() == 500);
        assertEquals(sent, first);
        assertEquals(sent, second);
        assertEquals(0, observers.dropped());
    }

    @Test
    void aThrowingObserverIsCountedAndTheOthersStillSeeEachRequest() throws Exception {
        List<ObservedRequest> seen = new CopyOnWriteArrayList<>();
        FakePlugins.observing(plugins, "a-broken", request -> {
            throw new IllegalStateException("no counter for " + request.path());
        });
        FakePlugins.observing(plugins, "b-counter", seen::add);
        started(RequestObservers.DEFAULT_CAPACITY);

        IntStream.rangeClosed(1, 5).mapToObj(RequestObserversTest::request).forEach(observers::finished);

        eventually("the counter to see all five", () -> seen.size() == 5);
        PluginFaults.Tally tally = faults.of("a-broken").getFirst();
        assertEquals(5, tally.count());
        assertEquals("request observer", tally.place());
        assertEquals("IllegalStateException: no counter for /t/5", tally.lastMessage());
        assertTrue(faults.of("b-counter").isEmpty());
    }

    @Test
    void aSlowObserverNeverSlowsFinishedRequestsAreDroppedAndCountedInstead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        List<ObservedRequest> seen = new CopyOnWriteArrayList<>();
        FakePlugins.observing(plugins, "slow", request -> {
            busy.countDown();
            release.await(10, TimeUnit.SECONDS);
            seen.add(request);
        });
        started(10);
        observers.finished(request(0));
        assertTrue(busy.await(5, TimeUnit.SECONDS), "the observer is stuck on the first request");

        long began = System.nanoTime();
        IntStream.rangeClosed(1, 10_000).mapToObj(RequestObserversTest::request).forEach(observers::finished);
        long tookMillis = (System.nanoTime() - began) / 1_000_000;

        assertTrue(tookMillis < 1_000, "10,000 finished requests took " + tookMillis + " ms");
        assertEquals(10_000 - 10, observers.dropped(), "the queue holds 10; the rest are dropped and counted");
        release.countDown();
        eventually("the queued ones", () -> seen.size() == 11);
        assertEquals(IntStream.rangeClosed(0, 10).mapToObj(RequestObserversTest::request).toList(), seen);
    }

    @Test
    void withNoObserversNothingIsQueued() {
        started(1);
        IntStream.rangeClosed(1, 100).mapToObj(RequestObserversTest::request).forEach(observers::finished);
        assertEquals(0, observers.dropped());
    }

    @Test
    void closeLetsTheObserversSeeWhatWasQueuedThenStops() {
        List<ObservedRequest> seen = new CopyOnWriteArrayList<>();
        FakePlugins.observing(plugins, "analytics", request -> {
            Thread.sleep(1);
            seen.add(request);
        });
        started(RequestObservers.DEFAULT_CAPACITY);
        IntStream.rangeClosed(1, 200).mapToObj(RequestObserversTest::request).forEach(observers::finished);

        observers.close();

        assertEquals(200, seen.size());
        observers.finished(request(201));
        assertEquals(200, seen.size(), "closed: no more");
    }

    @Test
    void aFinishedVertxRequestBecomesAnObservedRequestButHealthChecksAndAssetsDoNot() throws Exception {
        List<ObservedRequest> seen = new CopyOnWriteArrayList<>();
        FakePlugins.observing(plugins, "analytics", seen::add);
        started(RequestObservers.DEFAULT_CAPACITY);
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.route().handler(ctx -> {
                Instant startedAt = Instant.now();
                ctx.addEndHandler(done -> observers.finished(ctx, startedAt, Optional.of(42L)));
                ctx.next();
            });
            router.route().handler(ctx -> ctx.response().setStatusCode(201).end("made"));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/health", "/assets/abc/css/site.css", "/x/garden/plots?sort=name")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.actualPort() + path))
                        .header("Referer", "https://example.org/from").POST(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, response.statusCode());
            }

            eventually("the observation", () -> !seen.isEmpty());
            Thread.sleep(50);
            assertEquals(1, seen.size(), seen.toString());
            ObservedRequest observed = seen.getFirst();
            assertEquals("POST", observed.method());
            assertEquals("/x/garden/plots", observed.path());
            assertEquals(201, observed.status());
            assertEquals(Optional.of(42L), observed.memberId());
            assertEquals(Optional.of("https://example.org/from"), observed.referrer());
            assertTrue(!observed.took().isNegative() && observed.took().compareTo(Duration.ofSeconds(5)) < 0);
        } finally {
            vertx.close().await();
        }
    }
}
