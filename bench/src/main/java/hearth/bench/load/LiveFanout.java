package hearth.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N watchers of one topic's live stream, then a reply: how long until each watcher has it. Watchers are anonymous
 * and spread over loopback source addresses (127.1.x.y), as visitors come from many addresses (the site allows 16
 * streams per address). Latency runs from the moment the reply is sent until the watcher has read the post frame.
 */
final class LiveFanout {

    record Result(int watchers, int connected, int delivered, double p50ms, double p99ms, double maxMs,
                  double withinOneSecondPercent) {
    }

    private static final int PER_ADDRESS = 16;

    private final Vertx vertx;
    private final HttpClient http = HttpClient.newHttpClient();

    LiveFanout(Vertx vertx) {
        this.vertx = vertx;
    }

    Result run(URI base, long topicId, int watchers, List<String> apiKeys, int rounds) {
        // As the topic page does: the stream starts after the last post the page showed.
        int shown = lastPostNumber(base, topicId);
        List<Watcher> all = connect(base, topicId, shown, watchers);
        int connected = (int) all.stream().filter(w -> w.open).count();
        List<Double> latencies = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            all.forEach(Watcher::arm);
            long sent = System.nanoTime();
            // A member per round: the posting pace limit applies to the bench as to anyone.
            reply(base, topicId, apiKeys.get(round % apiKeys.size()), round);
            long deadline = sent + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && all.stream().anyMatch(w -> w.open && w.receivedAt == 0)) {
                ServerProcess.sleep(5);
            }
            for (Watcher w : all) {
                if (w.receivedAt != 0) {
                    latencies.add((w.receivedAt - sent) / 1e6);
                }
            }
            ServerProcess.sleep(500);
        }
        all.forEach(Watcher::close);
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long fast = Arrays.stream(sorted).filter(ms -> ms <= 1000).count();
        int expected = connected * rounds;
        return new Result(watchers, connected, sorted.length / rounds, percentile(sorted, 50), percentile(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                expected == 0 ? 0 : 100.0 * fast / expected);
    }

    private int lastPostNumber(URI base, long topicId) {
        try {
            String topic = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/topics/" + topicId)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new io.vertx.core.json.JsonObject(topic).getJsonObject("topic").getInteger("replies") + 1;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<Watcher> connect(URI base, long topicId, int shown, int watchers) {
        List<Watcher> all = new ArrayList<>();
        List<NetClient> clients = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        for (int from = 0; from < watchers; from += 500) {
            List<Future<?>> opening = new ArrayList<>();
            for (int i = from; i < Math.min(watchers, from + 500); i++) {
                int address = i / PER_ADDRESS;
                if (i % PER_ADDRESS == 0) {
                    clients.add(vertx.createNetClient(new NetClientOptions()
                            .setLocalAddress("127.1." + (address / 250) + "." + (address % 250 + 1))));
                }
                Watcher watcher = new Watcher();
                all.add(watcher);
                opening.add(watcher.open(clients.getLast(), base, topicId, shown).onFailure(e -> failed.incrementAndGet()));
            }
            Future.join(opening).await();
        }
        if (failed.get() > 0) {
            System.err.println("live: " + failed.get() + " of " + watchers + " watchers could not connect");
        }
        return all;
    }

    private void reply(URI base, long topicId, String apiKey, int round) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/topics/" + topicId
                            + "/posts"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"Live fan-out check " + round + " at "
                            + System.nanoTime() + ": is everyone seeing this?\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("the reply was refused: " + answer.statusCode() + " " + answer.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** One open stream, read raw: the response head, then SSE frames; it notes when a "post" frame arrives. */
    private static final class Watcher {
        private NetSocket socket;
        private volatile boolean open;
        private volatile boolean armed;
        private volatile long receivedAt;
        private final StringBuilder seen = new StringBuilder();

        Future<Void> open(NetClient client, URI base, long topicId, int shown) {
            Promise<Void> ready = Promise.promise();
            client.connect(base.getPort(), base.getHost()).onFailure(ready::tryFail).onSuccess(s -> {
                socket = s;
                s.handler(data -> {
                    String text = data.toString(StandardCharsets.UTF_8);
                    if (!open) {
                        seen.append(text);
                        if (seen.indexOf("\r\n\r\n") >= 0) {
                            if (seen.toString().startsWith("HTTP/1.1 200")) {
                                open = true;
                                ready.tryComplete();
                            } else {
                                ready.tryFail(seen.substring(0, Math.min(60, seen.length())));
                            }
                        }
                    } else if (armed && receivedAt == 0 && text.contains("event: post")) {
                        receivedAt = System.nanoTime();
                    }
                });
                s.closeHandler(v -> open = false);
                s.write("GET /live/t/" + topicId + "?after=" + shown + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nAccept: text/event-stream\r\n\r\n");
            });
            return ready.future();
        }

        void arm() {
            receivedAt = 0;
            armed = true;
        }

        void close() {
            if (socket != null) {
                socket.close();
            }
        }
    }
}
