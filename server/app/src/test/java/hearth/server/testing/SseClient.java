package hearth.server.testing;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client as a browser's EventSource reads a stream: lines as they arrive, parsed into events
 * (multi-line data joined with newlines; comments such as keep-alives kept apart so tests can see them).
 */
public final class SseClient implements AutoCloseable {

    /** One event: its name ({@code message} when the stream gave none) and its data. */
    public record Event(String name, String data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Connects and returns once the response headers are in (the body keeps streaming). */
    public static SseClient open(HttpClient http, URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return new SseClient(http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("Could not connect to " + uri, e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event named {@code name} (skipping others) within {@code within}; fails the test if none comes. */
    public Event next(String name, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && event.name().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("No \"" + name + "\" event within " + within.toMillis() + " ms");
    }

    /** Whether an event named {@code name} arrives within {@code within} (consuming what came before it). */
    public boolean receives(String name, Duration within) throws InterruptedException {
        try {
            next(name, within);
            return true;
        } catch (AssertionError none) {
            return false;
        }
    }

    /** The next comment line (without its colon) within {@code within}, or null. */
    public String nextComment(Duration within) throws InterruptedException {
        return comments.poll(within.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void read() {
        String name = null;
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name == null ? "message" : name, String.join("\n", data)));
                    }
                    name = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("event:")) {
                    name = value(line);
                } else if (line.startsWith("data:")) {
                    data.add(value(line));
                }
            }
        } catch (UncheckedIOException closed) {
            // the stream was closed by the test or the server
        } finally {
            ended.countDown();
        }
    }

    /** Whether the server ended the stream within {@code within}. */
    public boolean ends(Duration within) throws InterruptedException {
        return ended.await(within.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** Disconnects, as a browser does when the page is left. */
    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
