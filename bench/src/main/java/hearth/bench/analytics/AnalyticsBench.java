package hearth.bench.analytics;

import hearth.api.data.PluginDatabase;
import hearth.api.data.PluginTransaction;
import hearth.plugins.analytics.cohorts.Cohorts;
import hearth.plugins.analytics.metrics.Metrics;
import hearth.plugins.analytics.metrics.MetricsReader;
import hearth.plugins.analytics.metrics.Period;
import hearth.plugins.analytics.rollup.Fact;
import hearth.plugins.analytics.rollup.Rollups;
import hearth.plugins.analytics.rollup.Tables;
import hearth.plugins.analytics.segments.Segments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The analytics plugin's own code, without the server: a year of a community (members, topics, posts, likes,
 * flags) as the journal listener keeps it, counted into the roll-ups from scratch (the rebuild, through the same
 * code as the listener), then the dashboard's database work and arithmetic for periods of 7 to 365 days (p50/p95
 * of repeated runs). {@code bench/analytics.sh --posts 1000000 --members 50000 [--db mariadb]}; writes
 * {@code bench/results/<time>-analytics-<posts>[-mariadb].md}. H2 in memory in MariaDB mode, or a fresh database on
 * the local MariaDB server.
 */
public final class AnalyticsBench {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final int DAYS = 365;
    private static final int RUNS = 30;
    private static final int OTHER_RUNS = 10;
    private static final String MARIADB_SCHEMA = "hearth_bench_analytics";
    private static final List<String> MIGRATIONS = List.of("V001__rollups.sql", "V002__questions.sql",
            "V003__member_days.sql", "V004__weekly_report.sql", "V005__closed_days.sql");

    private AnalyticsBench() {
    }

    public static void main(String[] args) throws Exception {
        long posts = option(args, "--posts", 100_000);
        int members = (int) option(args, "--members", 5_000);
        long seed = option(args, "--seed", 42);
        boolean mariadb = text(args, "--db", "h2").equals("mariadb");
        try (Connection connection = mariadb ? mariadb() : DriverManager.getConnection(
                "jdbc:h2:mem:analytics-bench;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "")) {
            migrate(connection);
            PluginDatabase db = new Database(connection, mariadb ? SQLDialect.MARIADB : SQLDialect.H2);
            Tables tables = new Tables(db);
            LocalDate today = LocalDate.of(2027, 6, 30);
            Instant noon = today.atTime(12, 0).atZone(ZONE).toInstant();
            Rollups rollups = new Rollups(db, tables, Clock.fixed(noon, ZONE));
            long facts;
            try (Facts sink = new Facts(connection)) {
                facts = seed(sink, posts, members, today, new Random(seed));
            }
            long began = System.nanoTime();
            rollups.rebuild(ZONE);
            double rebuild = seconds(began);

            MetricsReader reader = new MetricsReader(db, tables);
            StringBuilder report = new StringBuilder("# Analytics dashboard, " + posts + " posts, " + members
                    + " members\n\n" + (mariadb ? "MariaDB at 127.0.0.1:3306 (database " + MARIADB_SCHEMA + ")"
                    : "H2 in memory (MariaDB mode)") + ", one connection. " + facts + " journal entries"
                    + " counted into the roll-ups from scratch (a rebuild, summarising the days before today as"
                    + " the plugin's task does) in " + String.format("%.1f", rebuild) + " s ("
                    + Math.round(facts / rebuild) + " a second). The dashboard's database reads and arithmetic for"
                    + " a period ending today"
                    + " (at noon) and the totals of the one before it:\n\n| period | p50 ms | p95 ms |\n"
                    + "|---|---|---|\n");
            for (int days : Period.PRESETS) {
                Period period = new Period(today.minusDays(days - 1L), today, ZONE);
                measure(report, days + " days", RUNS, () -> {
                    Metrics.summarise(reader.read(period, noon));
                    Metrics.summarise(reader.totals(period.previous(), noon));
                });
            }
            report.append("\nThe other pages' database reads and arithmetic (" + OTHER_RUNS + " runs after 2):\n\n"
                    + "| page | p50 ms | p95 ms |\n|---|---|---|\n");
            Segments segments = new Segments(db, tables);
            for (String segment : Segments.NAMES) {
                measure(report, "segment " + segment, OTHER_RUNS, () -> segments.members(segment, today, ZONE));
            }
            Cohorts cohorts = new Cohorts(db, tables);
            measure(report, "weekly cohorts", OTHER_RUNS, () -> cohorts.table("week", today, ZONE));
            measure(report, "monthly cohorts", OTHER_RUNS, () -> cohorts.table("month", today, ZONE));
            Period month = new Period(today.minusDays(29), today, ZONE);
            measure(report, "funnel, 30 days", OTHER_RUNS, () -> cohorts.funnel(month, today, ZONE));
            System.out.print(report);
            Path results = Path.of("bench/results");
            Files.createDirectories(results);
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC)
                    .format(Instant.now());
            Files.writeString(results.resolve(stamp + "-analytics-" + posts + (mariadb ? "-mariadb" : "") + ".md"),
                    report);
        }
    }

    /**
     * A year in journal order: members join evenly; each day brings topics (a tenth of the posts), replies by
     * members who post in a long-tailed way (a few write much), likes (half as many as posts) and a flag per
     * thousand posts, settled within hours. A third of the topics are questions; those that get a second reply
     * have it accepted.
     */
    private static long seed(Facts rollups, long posts, int members, LocalDate today, Random random) {
        long position = 0;
        long topics = 0;
        long flags = 0;
        int joined = 0;
        long postsPerDay = posts / DAYS;
        List<long[]> open = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            Instant dayStart = today.minusDays(DAYS - 1L - d).atStartOfDay(ZONE).toInstant();
            Function<Integer, Instant> at = second -> dayStart.plusSeconds(second);
            int second = 0;
            int joinsToday = (members * (d + 1)) / DAYS - joined;
            for (int j = 0; j < joinsToday; j++) {
                joined++;
                rollups.record(new Fact(++position, Fact.JOIN, at.apply(second += 3), joined, 0, 0, 0, null));
            }
            for (long p = 0; p < postsPerDay; p++) {
                second = Math.min(second + 1 + random.nextInt(Math.max(1, 80_000 / (int) postsPerDay)), 86_000);
                long author = 1 + (long) (Math.max(joined, 1) * Math.pow(random.nextDouble(), 3));
                if (p % 10 == 0 || open.isEmpty()) {
                    long topic = ++topics;
                    long category = 1 + topic % 6;
                    boolean question = topic % 3 == 0;
                    rollups.record(new Fact(++position, Fact.TOPIC, at.apply(second), author, topic, category,
                            question ? 1 : 0, null));
                    rollups.record(new Fact(++position, Fact.POST, at.apply(second), author, topic, category, 1,
                            null));
                    open.add(new long[] {topic, category, 1});
                    if (open.size() > 200) {
                        open.removeFirst();
                    }
                } else {
                    long[] topic = open.get(random.nextInt(open.size()));
                    rollups.record(new Fact(++position, Fact.POST, at.apply(second), author, topic[0], topic[1],
                            ++topic[2], null));
                    if (topic[0] % 3 == 0 && topic[2] == 3) {
                        rollups.record(new Fact(++position, Fact.ACCEPT, at.apply(second), author, topic[0], 0,
                                position, null));
                    }
                }
                if (p % 2 == 0) {
                    long liker = 1 + random.nextInt(Math.max(joined, 1));
                    rollups.record(new Fact(++position, Fact.LIKE, at.apply(second), liker, 0, 0, author, null));
                }
                if (p % 1000 == 999) {
                    long flag = ++flags;
                    rollups.record(new Fact(++position, Fact.FLAG, at.apply(second), author, 0, 0, flag, null));
                    rollups.record(new Fact(++position, Fact.RESOLVE, at.apply(Math.min(second + 7200, 86_300)),
                            1, 0, 0, flag, null));
                }
            }
        }
        return position;
    }

    /** Journal entries as the listener keeps them, written in batches (the bench's stand-in for a year of it). */
    private static final class Facts implements AutoCloseable {

        private static final int BATCH = 10_000;
        private final Connection connection;
        private final java.sql.PreparedStatement insert;
        private int pending;

        Facts(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            this.insert = connection.prepareStatement("INSERT INTO analytics_facts (position, kind, at, member_id,"
                    + " topic_id, category_id, ref_id, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        }

        void record(Fact fact) {
            try {
                insert.setLong(1, fact.position());
                insert.setString(2, fact.kind());
                insert.setObject(3, java.time.LocalDateTime.ofInstant(fact.at(), ZoneOffset.UTC));
                insert.setLong(4, fact.memberId());
                insert.setLong(5, fact.topicId());
                insert.setLong(6, fact.categoryId());
                insert.setLong(7, fact.refId());
                insert.setString(8, fact.answer());
                insert.addBatch();
                if (++pending == BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void flush() throws SQLException {
            insert.executeBatch();
            connection.commit();
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            flush();
            insert.close();
            connection.setAutoCommit(true);
        }
    }

    private static void migrate(Connection connection) throws IOException, SQLException {
        StringBuilder sql = new StringBuilder();
        for (String migration : MIGRATIONS) {
            try (InputStream in = AnalyticsBench.class.getClassLoader()
                    .getResourceAsStream("hearth-plugin/analytics/db/migration/" + migration)) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.strip().startsWith("--"))
                        .forEach(line -> sql.append(line).append('\n'));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String command : sql.toString().split(";")) {
                if (!command.isBlank()) {
                    statement.execute(command);
                }
            }
        }
    }

    /** A fresh database on the local MariaDB server (root, no password: the test set-up's). */
    private static Connection mariadb() throws SQLException {
        try (Connection server = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + MARIADB_SCHEMA);
            statement.execute("CREATE DATABASE " + MARIADB_SCHEMA + " CHARACTER SET utf8mb4");
        }
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + MARIADB_SCHEMA, "root", "");
    }

    /** The plugin's database on one connection, as the server gives it (auto-commit reads, one-transaction writes). */
    private record Database(Connection connection, SQLDialect dialect) implements PluginDatabase {

        @Override
        public <T> T read(Function<DSLContext, T> work) {
            return work.apply(DSL.using(connection, dialect));
        }

        @Override
        public <T> T write(Function<DSLContext, T> work) {
            try {
                connection.setAutoCommit(false);
                T result = work.apply(DSL.using(connection, dialect));
                connection.commit();
                return result;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public <T> T transaction(Function<PluginTransaction, T> work) {
            throw new UnsupportedOperationException("The roll-ups record no events: the bench needs no journal");
        }

        @Override
        public String table(String name) {
            return "analytics_" + name;
        }
    }

    private static String text(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Runs {@code work} 5 times (2 for the other pages) to warm up, then {@code runs} times; reports p50 and p95. */
    private static void measure(StringBuilder report, String what, int runs, Runnable work) {
        long[] took = new long[runs];
        for (int run = runs == RUNS ? -5 : -2; run < runs; run++) {
            long start = System.nanoTime();
            work.run();
            if (run >= 0) {
                took[run] = System.nanoTime() - start;
            }
        }
        Arrays.sort(took);
        report.append("| ").append(what).append(" | ").append(millis(took[runs / 2])).append(" | ")
                .append(millis(took[(int) Math.ceil(runs * 0.95) - 1])).append(" |\n");
    }

    private static long option(String[] args, String name, long fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1]);
            }
        }
        return fallback;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
