package hearth.bench.load;

import hearth.bench.generate.CommunityGenerator;
import hearth.bench.generate.Size;
import hearth.server.Hearth;
import hearth.server.accounts.Passwords;
import hearth.server.config.ConfigLoader;
import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import hearth.server.discussions.Markdown;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code bench/run.sh [--size small|medium|large] [--db h2|mariadb] [scenario ...]}: generates (once per size and
 * database) a community, starts Hearth on it in its own process, drives each scenario with wrk or the live fan-out
 * client, samples the server's memory and CPU, and writes a Markdown and a JSON report under bench/results/.
 */
public final class BenchRun {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Options options;
    private final Path repo = Path.of("").toAbsolutePath();
    private final Report report;

    private BenchRun(Options options) {
        this.options = options;
        this.report = new Report(options.summary());
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new BenchRun(options).run();
        System.exit(0);
    }

    record Options(Size size, String db, long seed, int connections, Duration duration, Duration warmup,
                   List<Integer> watchers, String heap, boolean fresh, boolean profile, List<Scenario> scenarios) {

        static Options parse(String[] args) {
            Size size = Size.SMALL;
            String db = "h2";
            long seed = 42;
            int connections = 32;
            Duration duration = Duration.ofSeconds(20);
            Duration warmup = Duration.ofSeconds(8);
            List<Integer> watchers = List.of(1_000, 10_000);
            String heap = "256m";
            boolean fresh = false;
            boolean profile = false;
            List<Scenario> scenarios = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--size" -> size = Size.parse(args[++i]);
                    case "--db" -> db = args[++i];
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--connections" -> connections = Integer.parseInt(args[++i]);
                    case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(args[++i].replace("s", "")));
                    case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(args[++i].replace("s", "")));
                    case "--watchers" -> watchers = java.util.Arrays.stream(args[++i].split(","))
                            .map(Integer::parseInt).toList();
                    case "--heap" -> heap = args[++i];
                    case "--fresh" -> fresh = true;
                    case "--profile" -> profile = true;
                    default -> {
                        String id = args[i];
                        scenarios.add(Scenario.byId(id).orElseThrow(() -> new IllegalArgumentException(
                                "unknown scenario " + id + "; known: " + Scenario.ids())));
                    }
                }
            }
            if (!db.equals("h2") && !db.equals("mariadb")) {
                throw new IllegalArgumentException("--db must be h2 or mariadb");
            }
            if (scenarios.isEmpty()) {
                scenarios.addAll(List.of(Scenario.values()));
            } else if (!scenarios.contains(Scenario.UPPER_BOUND)) {
                scenarios.addFirst(Scenario.UPPER_BOUND); // every figure is read against it
            }
            return new Options(size, db, seed, connections, duration, warmup, watchers, heap, fresh, profile,
                    scenarios.stream().distinct().sorted().toList());
        }

        Map<String, Object> summary() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("size", size.name().toLowerCase());
            map.put("db", db);
            map.put("seed", seed);
            map.put("connections", connections);
            map.put("durationSeconds", duration.toSeconds());
            map.put("warmupSeconds", warmup.toSeconds());
            map.put("heap", heap);
            return map;
        }
    }

    private void run() throws Exception {
        Path dataDir = repo.resolve("bench/work/" + options.size().name().toLowerCase() + "-" + options.db());
        List<String> dbFlags = prepareData(dataDir);
        Fixtures fixtures;
        Vertx vertx = Vertx.vertx();
        try (Database db = open(dataDir, dbFlags, vertx)) {
            fixtures = Fixtures.prepare(db, dataDir.resolve("fixtures"),
                    Math.min(20_000, (int) (long) db.query(sql -> sql.fetchCount(
                            hearth.server.db.schema.tables.Members.MEMBERS)) - 1));
        }
        Wrk wrk = new Wrk(extractScript(dataDir));
        if (options.scenarios().contains(Scenario.UPPER_BOUND)) {
            upperBound(wrk, fixtures);
        }
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        List<String> command = new ArrayList<>(List.of(java(), "-Xms64m", "-Xmx" + options.heap(),
                "-XX:+UseSerialGC", "-jar",
                repo.resolve("server/app/target/hearth.jar").toString(),
                "--port", Integer.toString(port), "--host", "127.0.0.1", "--data-dir", dataDir.toString(), "--no-demo"));
        command.addAll(dbFlags);
        Path log = dataDir.resolve("server.log");
        try (ServerProcess server = ServerProcess.start(command, log, base.resolve("/"), Duration.ofSeconds(60))) {
            report.startup(server.startupMillis());
            System.err.printf("bench: Hearth answered its first request %d ms after it was started%n",
                    server.startupMillis());
            // Plugins' listeners replay the journal on their first start; measure once they are done.
            long settled = new JournalWatch(base).stopAndDrain(Duration.ofMinutes(30)).drainMillis();
            report.settled(settled);
            String memberCookie = logIn(base, fixtures.memberUsername());
            for (Scenario scenario : options.scenarios()) {
                switch (scenario) {
                    case UPPER_BOUND -> {
                    }
                    case TOPIC_ANON -> http(wrk, server, base, scenario, fixtures.topicPages(), List.of());
                    case TOPIC_MEMBER -> http(wrk, server, base, scenario, fixtures.topicPages(),
                            List.of("Cookie: " + memberCookie));
                    case TOPIC_JSON -> http(wrk, server, base, scenario, fixtures.topicJson(), List.of());
                    case TOPIC_LIST -> http(wrk, server, base, scenario, listPaths(dataDir), List.of());
                    case CATEGORY -> http(wrk, server, base, scenario, fixtures.categories(), List.of());
                    case PROFILE -> http(wrk, server, base, scenario, fixtures.profiles(), List.of());
                    case SEARCH -> http(wrk, server, base, scenario, fixtures.searches(), List.of());
                    case POST -> post(wrk, server, base, fixtures);
                    case LIVE -> live(vertx, server, base, fixtures);
                }
            }
            report.idleRss(ResourceSampler.rssKb(server.pid()) / 1024.0);
        } finally {
            vertx.close().await();
        }
        Path results = repo.resolve("bench/results");
        Files.createDirectories(results);
        List<Path> written = report.write(results);
        written.forEach(p -> System.out.println("bench: wrote " + repo.relativize(p)));
    }

    /** The data directory's community, generated when missing (or with --fresh); returns Hearth's database flags. */
    private List<String> prepareData(Path dataDir) throws IOException, SQLException {
        String database = "hearth_bench_" + options.size().name().toLowerCase();
        List<String> dbFlags = options.db().equals("mariadb")
                ? List.of("--db-url", "jdbc:mariadb://127.0.0.1:3306/" + database, "--db-user", "root")
                : List.of();
        Path marker = dataDir.resolve("generated.json");
        if (!options.fresh() && Files.exists(marker)
                && new JsonObject(Files.readString(marker)).getLong("seed") == options.seed()) {
            report.data(new JsonObject(Files.readString(marker)));
            return dbFlags;
        }
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        if (options.db().equals("mariadb")) {
            try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + database);
                admin.createStatement().execute("CREATE DATABASE " + database
                        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
        }
        System.err.println("bench: generating the " + options.size().name().toLowerCase() + " community into "
                + (options.db().equals("mariadb") ? "MariaDB " + database : dataDir));
        Vertx vertx = Vertx.vertx();
        try (Database db = open(dataDir, dbFlags, vertx)) {
            String hash = new Passwords(Passwords.Argon2Params.OWASP, new SecureRandom())
                    .hash(CommunityGenerator.PASSWORD.toCharArray());
            var summary = new CommunityGenerator(db, new Markdown(), line -> System.err.println("bench: " + line))
                    .generate(options.size(), options.seed(), Clock.systemUTC().instant(), hash);
            String json = summary.toJson();
            Files.writeString(marker, json);
            report.data(new JsonObject(json));
        } finally {
            vertx.close().await();
        }
        return dbFlags;
    }

    private static Database open(Path dataDir, List<String> dbFlags, Vertx vertx) {
        List<String> flags = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        flags.addAll(dbFlags);
        HearthConfig config = ConfigLoader.load(flags, Map.of());
        return Hearth.openDatabase(config, vertx, Clock.systemUTC());
    }

    private void upperBound(Wrk wrk, Fixtures fixtures) throws IOException {
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        List<String> command = List.of(java(), "-Xms64m", "-Xmx" + options.heap(), "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), UpperBound.class.getName(), Integer.toString(port));
        Path log = Files.createTempFile("upper-bound", ".log");
        try (ServerProcess server = ServerProcess.start(command, log, base.resolve("/"), Duration.ofSeconds(30))) {
            Path paths = Files.writeString(Files.createTempFile("upper-bound", ".txt"), "/\n");
            http(wrk, server, base, Scenario.UPPER_BOUND, paths, List.of());
        }
    }

    private void http(Wrk wrk, ServerProcess server, URI base, Scenario scenario, Path paths, List<String> headers) {
        System.err.println("bench: " + scenario.id + " (warming up " + options.warmup().toSeconds() + " s)");
        wrk.run(base, options.connections(), options.warmup(), headers, paths, "get", null);
        ResourceSampler sampler = new ResourceSampler(server.pid());
        ResourceSampler database = databaseSampler();
        Wrk.Result result = wrk.run(base, options.connections(), options.duration(), headers, paths, "get", null);
        report.http(scenario, result, sampler.stop(), database == null ? null : database.stop());
        if (options.profile() && scenario != Scenario.UPPER_BOUND) {
            // A run of its own: the recording costs some throughput, so it never colours the measured figures.
            try {
                CpuProfile profile = CpuProfile.start(server.pid(), Files.createTempFile("bench-", ".jfr"));
                wrk.run(base, options.connections(), Duration.ofSeconds(10), headers, paths, "get", null);
                report.profile(scenario, profile.stop());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** MariaDB's own CPU, when the scenario runs on it: a page's cost is the server's and the database's. */
    private ResourceSampler databaseSampler() {
        if (!options.db().equals("mariadb")) {
            return null;
        }
        return ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/mariadbd"))
                .findFirst().map(p -> new ResourceSampler(p.pid())).orElse(null);
    }

    /** Replies as fast as they go; then how far the journal's listeners fell behind and how long they took. */
    private void post(Wrk wrk, ServerProcess server, URI base, Fixtures fixtures) {
        System.err.println("bench: post");
        JournalWatch watch = new JournalWatch(base);
        ResourceSampler sampler = new ResourceSampler(server.pid());
        ResourceSampler database = databaseSampler();
        Wrk.Result result = wrk.run(base, options.connections(), options.duration(), List.of(),
                fixtures.replyTargets(), "post", fixtures.apiKeys());
        ResourceSampler.Usage usage = sampler.stop();
        ResourceSampler.Usage databaseUsage = database == null ? null : database.stop();
        JournalWatch.Lag lag = watch.stopAndDrain(Duration.ofMinutes(2));
        report.post(result, usage, databaseUsage, lag, Fixtures.read(fixtures.apiKeys()).size());
    }

    private void live(Vertx vertx, ServerProcess server, URI base, Fixtures fixtures) {
        List<String> keys = Fixtures.read(fixtures.apiKeys());
        LiveFanout fanout = new LiveFanout(vertx);
        ServerProcess.sleep(6_000); // members who just posted in the post scenario may post again
        int run = 0;
        for (int watchers : options.watchers()) {
            System.err.println("bench: live with " + watchers + " watchers");
            List<String> members = keys.reversed().subList(3 * run, 3 * run + 3);
            run++;
            ResourceSampler sampler = new ResourceSampler(server.pid());
            LiveFanout.Result result = fanout.run(base, fixtures.liveTopic(), watchers, members, 3);
            report.live(result, sampler.stop());
            ServerProcess.sleep(2_000); // let the server notice the closed streams
        }
    }

    /** Signs in through the login form, as a browser does; returns the Cookie header wrk sends. */
    private static String logIn(URI base, String username) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String form = http.send(HttpRequest.newBuilder(base.resolve("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on /login");
        }
        String body = "identifier=" + username + "&password=" + CommunityGenerator.PASSWORD + "&_csrf="
                + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 303) {
            throw new IllegalStateException("signing in as " + username + " failed: " + answer.statusCode());
        }
        return cookies.getCookieStore().get(base).stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    private static Path listPaths(Path dataDir) throws IOException {
        return Files.writeString(dataDir.resolve("fixtures/lists.txt"), "/latest\n");
    }

    private static Path extractScript(Path dataDir) throws IOException {
        Path script = dataDir.resolve("fixtures/requests.lua");
        try (var in = BenchRun.class.getResourceAsStream("/hearth/bench/requests.lua")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
