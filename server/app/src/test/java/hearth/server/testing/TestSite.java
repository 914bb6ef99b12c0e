package hearth.server.testing;

import hearth.server.Hearth;
import hearth.server.config.ConfigLoader;
import hearth.server.db.JournalDispatcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real server, started in this JVM on a random port with its own data dir and database, spoken to over HTTP. */
public final class TestSite implements AutoCloseable {

    /** How often a test site looks for due mail and reminders: a test that waits for "another run" waits 2 of these. */
    public static final Duration CHORES = Duration.ofSeconds(1);

    /** Listeners poll every 200 ms, and mail and reminders are looked for every second. */
    public static final Hearth.Timing FAST = new Hearth.Timing(new JournalDispatcher.Timing(Duration.ofMillis(200),
            Duration.ofMillis(50), Duration.ofMillis(400)), CHORES);

    private final Hearth hearth;
    private final TestDatabase ownDatabase;
    private final boolean closesDatabase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestSite(Hearth hearth, TestDatabase ownDatabase) {
        this(hearth, ownDatabase, true);
    }

    private TestSite(Hearth hearth, TestDatabase ownDatabase, boolean closesDatabase) {
        this.closesDatabase = closesDatabase;
        this.hearth = hearth;
        this.ownDatabase = ownDatabase;
    }

    /** A site with the demo community, on a fresh database of its own. */
    public static TestSite start(Path dataDir, String... flags) {
        return start(dataDir, List.of(), flags);
    }

    public static TestSite start(Path dataDir, List<Hearth.Listener> listeners, String... flags) {
        TestDatabase db = TestDatabase.fresh(dataDir);
        try {
            return new TestSite(boot(dataDir, db.flags(), listeners, Clock.systemUTC(), flags), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A site with the demo community whose clock the test moves (for expiries and nightly work). */
    public static TestSite start(Path dataDir, Clock clock, String... flags) {
        TestDatabase db = TestDatabase.fresh(dataDir);
        try {
            return new TestSite(boot(dataDir, db.flags(), List.of(), clock, flags), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A site on a database the caller owns and closes, which {@link #database()} returns (for restarts). */
    public static TestSite startOn(Path dataDir, TestDatabase db, String... flags) {
        return new TestSite(boot(dataDir, db.flags(), List.of(), Clock.systemUTC(), flags), db, false);
    }

    /** A site on a database the caller owns (and closes). */
    public static TestSite startOn(Path dataDir, List<String> dbFlags, String... flags) {
        return new TestSite(boot(dataDir, dbFlags, List.of(), Clock.systemUTC(), flags), null);
    }

    private static Hearth boot(Path dataDir, List<String> dbFlags, List<Hearth.Listener> listeners, Clock clock,
                               String... flags) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--data-dir",
                dataDir.toString(), "--shutdown-timeout", "5"));
        args.addAll(dbFlags);
        args.addAll(List.of(flags));
        return Hearth.start(ConfigLoader.load(args, Map.of()), listeners, FAST, clock);
    }

    public int port() {
        return hearth.port();
    }

    public List<String> routes() {
        return hearth.routes();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The plugins running now. */
    public hearth.server.plugins.ActivePlugins plugins() {
        return hearth.plugins();
    }

    public HttpClient http() {
        return http;
    }

    /** The site's own database, for checking what was stored. */
    public TestDatabase database() {
        if (ownDatabase == null) {
            throw new IllegalStateException("This site runs on a database the test owns");
        }
        return ownDatabase;
    }

    public void stop() {
        hearth.stop();
    }

    @Override
    public void close() {
        hearth.stop();
        if (ownDatabase != null && closesDatabase) {
            ownDatabase.close();
        }
    }
}
