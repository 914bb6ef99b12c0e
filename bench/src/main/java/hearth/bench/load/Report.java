package hearth.bench.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's figures, judged against the targets, as JSON (for tools) and Markdown (for people). Every
 * request rate is also given as a share of the trivial endpoint's rate measured in the same run.
 */
final class Report {

    private final JsonObject json = new JsonObject();
    private final JsonObject scenarios = new JsonObject();
    private final JsonArray live = new JsonArray();
    private final List<String[]> rows = new ArrayList<>();
    private double peakRss;

    Report(Map<String, Object> options) {
        json.put("when", LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"))
                + "Z");
        json.put("machine", Machine.describe());
        json.put("options", new JsonObject(options));
        json.put("scenarios", scenarios);
        json.put("live", live);
    }

    void data(JsonObject summary) {
        json.put("data", summary);
    }

    void startup(long millis) {
        json.put("startupMillis", millis);
    }

    void settled(long millis) {
        json.put("journalCatchUpAfterStartMillis", millis);
    }

    void idleRss(double mb) {
        json.put("rssAtEndMb", round(mb));
    }

    void http(Scenario scenario, Wrk.Result r, ResourceSampler.Usage usage, ResourceSampler.Usage database) {
        peakRss = scenario == Scenario.UPPER_BOUND ? peakRss : Math.max(peakRss, usage.peakRssMb());
        JsonObject s = new JsonObject().put("title", scenario.title).put("requestsPerSecond", round(r.perSecond()))
                .put("requests", r.requests()).put("p50Ms", round(r.p50ms())).put("p90Ms", round(r.p90ms()))
                .put("p99Ms", round(r.p99ms())).put("maxMs", round(r.maxMs())).put("errors", r.errors())
                .put("non2xx", r.statusErrors()).put("peakRssMb", round(usage.peakRssMb()))
                .put("cpuPercent", round(usage.cpuPercent()))
                .put("databaseCpuPercent", database == null ? null : round(database.cpuPercent()))
                .put("firstRefusal", r.refused());
        scenarios.put(scenario.id, s);
        if (r.refused() != null) {
            System.err.println("bench: " + scenario.id + ": first refusal: " + r.refused());
        }
        System.err.printf(Locale.ROOT, "bench: %-12s %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  errors %d/%d  "
                        + "RSS %.0f MB  CPU %.0f%%%n", scenario.id, r.perSecond(), r.p50ms(), r.p99ms(), r.errors(),
                r.statusErrors(), usage.peakRssMb(), usage.cpuPercent());
    }

    void post(Wrk.Result r, ResourceSampler.Usage usage, ResourceSampler.Usage database, JournalWatch.Lag lag,
              int members) {
        http(Scenario.POST, r, usage, database);
        scenarios.getJsonObject(Scenario.POST.id).put("postingMembers", members)
                .put("journalMaxBehind", lag.maxBehind()).put("journalBehindAtEnd", lag.behindAtEnd())
                .put("journalCatchUpMs", lag.drainMillis());
        System.err.printf("bench: journal listeners at most %d entries behind, %d at the end, caught up %d ms later%n",
                lag.maxBehind(), lag.behindAtEnd(), lag.drainMillis());
    }

    void profile(Scenario scenario, CpuProfile.Result profile) {
        scenarios.getJsonObject(scenario.id)
                .put("cpuProfile", new JsonObject(new java.util.LinkedHashMap<>(profile.parts())))
                .put("cpuHearthMethods", new JsonObject(new java.util.LinkedHashMap<>(profile.hearthMethods())));
        System.err.println("bench: " + scenario.id + " CPU by part: " + profile.parts());
        System.err.println("bench: " + scenario.id + " CPU under Hearth methods: " + profile.hearthMethods());
    }

    void live(LiveFanout.Result r, ResourceSampler.Usage usage) {
        peakRss = Math.max(peakRss, usage.peakRssMb());
        live.add(new JsonObject().put("watchers", r.watchers()).put("connected", r.connected())
                .put("delivered", r.delivered()).put("p50Ms", round(r.p50ms())).put("p99Ms", round(r.p99ms()))
                .put("maxMs", round(r.maxMs())).put("withinOneSecondPercent", round(r.withinOneSecondPercent()))
                .put("peakRssMb", round(usage.peakRssMb())).put("cpuPercent", round(usage.cpuPercent())));
        System.err.printf(Locale.ROOT, "bench: live %5d watchers: %d connected, %d delivered, p50 %.0f ms, p99 %.0f ms,"
                        + " max %.0f ms, RSS %.0f MB%n", r.watchers(), r.connected(), r.delivered(), r.p50ms(),
                r.p99ms(), r.maxMs(), usage.peakRssMb());
    }

    List<Path> write(Path dir) throws IOException {
        json.put("peakRssMb", round(peakRss));
        json.put("targets", targets());
        String name = json.getString("when").replace(":", "").replace("-", "").replace("Z", "") + "-"
                + json.getJsonObject("options").getString("size") + "-" + json.getJsonObject("options").getString("db");
        Path jsonFile = dir.resolve(name + ".json");
        Path mdFile = dir.resolve(name + ".md");
        Files.writeString(jsonFile, json.encodePrettily() + "\n");
        Files.writeString(mdFile, markdown(), StandardCharsets.UTF_8);
        return List.of(mdFile, jsonFile);
    }

    /** The targets: each met or missed, and by how much. */
    private JsonArray targets() {
        JsonArray targets = new JsonArray();
        rate(targets, "topic-anon", "Anonymous topic page", 4_000);
        latency(targets, "topic-anon", "Anonymous topic page p99", 50);
        rate(targets, "topic-member", "Signed-in topic page", 2_000);
        rate(targets, "topic-list", "Topic list", 3_000);
        rate(targets, "post", "Replies created", 500);
        for (Object o : live) {
            JsonObject l = (JsonObject) o;
            if (l.getInteger("watchers") == 1_000) {
                double max = l.getDouble("maxMs");
                boolean all = l.getInteger("delivered").equals(l.getInteger("watchers"));
                targets.add(target("New post to 1,000 live watchers, slowest", "≤ 1000 ms", max + " ms",
                        all && max <= 1_000, all ? max - 1_000 : Double.NaN, "ms"));
            }
        }
        if (peakRss > 0) {
            targets.add(target("Server resident memory, peak", "≤ 512 MB", round(peakRss) + " MB", peakRss <= 512,
                    peakRss - 512, "MB"));
        }
        if (json.containsKey("startupMillis")) {
            long ms = json.getLong("startupMillis");
            targets.add(target("Start-up to first served request", "≤ 3000 ms", ms + " ms", ms <= 3_000, ms - 3_000,
                    "ms"));
        }
        return targets;
    }

    private void rate(JsonArray targets, String id, String what, double goal) {
        JsonObject s = scenarios.getJsonObject(id);
        if (s != null) {
            double got = s.getDouble("requestsPerSecond");
            targets.add(target(what, String.format(Locale.ROOT, "≥ %,.0f /s", goal),
                    String.format(Locale.ROOT, "%,.0f /s", got), got >= goal, goal - got, "/s"));
        }
    }

    private void latency(JsonArray targets, String id, String what, double goal) {
        JsonObject s = scenarios.getJsonObject(id);
        if (s != null) {
            double got = s.getDouble("p99Ms");
            targets.add(target(what, "≤ " + goal + " ms", got + " ms", got <= goal, got - goal, "ms"));
        }
    }

    private static JsonObject target(String what, String goal, String got, boolean met, double shortBy, String unit) {
        return new JsonObject().put("target", what).put("goal", goal).put("measured", got).put("met", met)
                .put("missedBy", met || Double.isNaN(shortBy) ? null
                        : String.format(Locale.ROOT, "%,.0f %s", shortBy, unit));
    }

    private String markdown() {
        JsonObject options = json.getJsonObject("options");
        JsonObject machine = json.getJsonObject("machine");
        StringBuilder md = new StringBuilder();
        md.append("# Hearth benchmark, ").append(json.getString("when")).append("\n\n");
        md.append("Data set **").append(options.getString("size")).append("** on **").append(options.getString("db"))
                .append("**: ").append(json.getJsonObject("data", new JsonObject()).encode()).append("\n\n");
        md.append("Machine: ").append(machine.getInteger("cores")).append(" cores (")
                .append(machine.getString("cpu")).append("), ").append(machine.getString("memory"))
                .append(", ").append(machine.getString("java")).append(", ").append(machine.getString("database"))
                .append(". Server, database and load generator share the machine.\n\n");
        md.append("Load: wrk, ").append(options.getInteger("connections")).append(" connections, 2 threads, ")
                .append(options.getLong("durationSeconds")).append(" s per scenario after ")
                .append(options.getLong("warmupSeconds")).append(" s of warm-up; server JVM -Xmx")
                .append(options.getString("heap")).append(".\n\n");
        double ceiling = scenarios.containsKey("upper-bound")
                ? scenarios.getJsonObject("upper-bound").getDouble("requestsPerSecond") : Double.NaN;
        md.append("| Scenario | req/s | of ceiling | p50 ms | p99 ms | errors | non-2xx | peak RSS MB | CPU % "
                + "| DB CPU % |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String id : scenarios.fieldNames()) {
            JsonObject s = scenarios.getJsonObject(id);
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %.1f | %.1f | %d | %d | %.0f | %.0f | %s |%n",
                    s.getString("title"), s.getDouble("requestsPerSecond"),
                    Double.isNaN(ceiling) ? "–" : String.format(Locale.ROOT, "%.0f %%",
                            100 * s.getDouble("requestsPerSecond") / ceiling),
                    s.getDouble("p50Ms"), s.getDouble("p99Ms"), s.getLong("errors"), s.getLong("non2xx"),
                    s.getDouble("peakRssMb"), s.getDouble("cpuPercent"),
                    s.getValue("databaseCpuPercent") == null ? "–" : String.format(Locale.ROOT, "%.0f",
                            s.getDouble("databaseCpuPercent"))));
        }
        for (String id : scenarios.fieldNames()) {
            JsonObject profile = scenarios.getJsonObject(id).getJsonObject("cpuProfile");
            if (profile != null) {
                md.append("\nWhere ").append(id).append("'s server CPU goes (share of JFR execution samples): ");
                md.append(String.join(", ", profile.fieldNames().stream()
                        .map(part -> part + " " + profile.getDouble(part) + " %").toList())).append(".");
                JsonObject methods = scenarios.getJsonObject(id).getJsonObject("cpuHearthMethods");
                md.append(" Under Hearth's methods: ").append(String.join(", ", methods.fieldNames().stream()
                        .map(m -> "`" + m + "` " + methods.getDouble(m) + " %").toList())).append(".\n");
            }
        }
        JsonObject post = scenarios.getJsonObject("post");
        if (post != null) {
            md.append(String.format(Locale.ROOT, "%nReplies: %d members posting in turn; the journal's listeners were "
                            + "at most %d entries behind (%d when the load stopped) and caught up %d ms later.%n",
                    post.getInteger("postingMembers"), post.getLong("journalMaxBehind"),
                    post.getLong("journalBehindAtEnd"), post.getLong("journalCatchUpMs")));
        }
        if (!live.isEmpty()) {
            md.append("\n| Live watchers | connected | received | p50 ms | p99 ms | slowest ms | within 1 s | peak RSS MB |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Object o : live) {
                JsonObject l = (JsonObject) o;
                md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.0f | %.0f | %.0f | %.1f %% | %.0f |%n",
                        l.getInteger("watchers"), l.getInteger("connected"), l.getInteger("delivered"),
                        l.getDouble("p50Ms"), l.getDouble("p99Ms"), l.getDouble("maxMs"),
                        l.getDouble("withinOneSecondPercent"), l.getDouble("peakRssMb")));
            }
        }
        md.append("\n## Targets\n\n| Target | goal | measured | met | missed by |\n|---|---|---|---|---|\n");
        for (Object o : json.getJsonArray("targets")) {
            JsonObject t = (JsonObject) o;
            md.append("| ").append(t.getString("target")).append(" | ").append(t.getString("goal")).append(" | ")
                    .append(t.getString("measured")).append(" | ").append(t.getBoolean("met") ? "yes" : "**no**")
                    .append(" | ").append(t.getString("missedBy") == null ? "" : t.getString("missedBy"))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
