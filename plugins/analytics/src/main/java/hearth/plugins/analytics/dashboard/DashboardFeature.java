package hearth.plugins.analytics.dashboard;

import hearth.api.Contributions;
import hearth.api.access.Scope;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.analytics.SiteZone;
import hearth.plugins.analytics.metrics.Period;
import hearth.plugins.analytics.rollup.Rollups;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The dashboard at {@code /admin/x/analytics} (admins) and {@code /x/analytics} (anyone granted
 * {@code analytics.view}), its JSON at {@code /api/v1/x/analytics/dashboard}, CSV exports and the rebuild.
 */
public final class DashboardFeature {

    /** See the dashboard. */
    public static final String VIEW = "analytics.view";

    /** Rebuild the roll-ups. */
    public static final String MANAGE = "analytics.manage";

    private final Contributions site;
    private final Dashboard dashboard;
    private final Rollups rollups;
    private final SiteZone zone;

    private DashboardFeature(Contributions site, Dashboard dashboard, Rollups rollups, SiteZone zone) {
        this.site = site;
        this.dashboard = dashboard;
        this.rollups = rollups;
        this.zone = zone;
    }

    public static void contribute(Contributions site, Dashboard dashboard, Rollups rollups, SiteZone zone) {
        DashboardFeature feature = new DashboardFeature(site, dashboard, rollups, zone);
        site.pages()
                .get("/", feature::page)
                .get("/api/dashboard", r -> PageResponse.json(feature.report(r)))
                .get("/daily.csv", feature::dailyCsv)
                .get("/summary.csv", feature::summaryCsv)
                .post("/rebuild", r -> {
                    feature.rebuild(r);
                    return PageResponse.redirect("/x/analytics/?done=rebuilt");
                })
                .post("/api/rebuild", r -> PageResponse.json(Map.of("zone", feature.rebuild(r).getId())));
        site.adminSection("Analytics").get("/", feature::page);
    }

    private Dashboard.Report report(PageRequest request) {
        site.context().permissions().require(request.viewer(), VIEW, Scope.site(),
                "Only community managers can see the analytics dashboard.");
        ZoneId rollupZone = rollups.zone();
        LocalDate today = LocalDate.ofInstant(site.context().clock().instant(), rollupZone);
        return dashboard.build(Period.of(request.query("days"), request.query("from"), request.query("to"), today,
                rollupZone));
    }

    private PageResponse page(PageRequest request) {
        Dashboard.Report report = report(request);
        List<Dashboard.Day> days = report.daily();
        List<LocalDate> dates = days.stream().map(d -> LocalDate.parse(d.day())).toList();
        List<Map<String, Object>> charts = new ArrayList<>();
        Dashboard.series().forEach((name, value) -> {
            long[] values = days.stream().mapToLong(value::apply).toArray();
            charts.add(Map.of("name", name, "svg", Charts.bars("chart-" + name, title(name), dates, values)));
        });
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("charts", charts);
        model.put("presets", Period.PRESETS.stream().map(String::valueOf).toList());
        model.put("days", request.query("days").orElse(""));
        model.put("query", query(request));
        model.put("mayRebuild", site.context().permissions().allows(request.viewer(), MANAGE, Scope.site()));
        model.put("zoneProblem", zone.problem().orElse(""));
        model.put("rebuilt", request.query("done").filter("rebuilt"::equals).isPresent());
        return PageResponse.page("analytics::dashboard", model);
    }

    private static String title(String series) {
        return switch (series) {
            case "active" -> "Active members per day";
            case "members" -> "New members per day";
            case "topics" -> "New topics per day";
            case "posts" -> "Posts per day";
            case "replies" -> "Replies per day";
            case "likes" -> "Likes per day";
            case "flags" -> "Flags raised per day";
            case "views" -> "Page views per day (people, not bots)";
            case "visitors" -> "Unique visitors per day";
            default -> "Flags settled per day";
        };
    }

    private static String query(PageRequest request) {
        StringBuilder q = new StringBuilder();
        for (String name : List.of("days", "from", "to")) {
            request.query(name).filter(v -> v.matches("[0-9-]{1,10}"))
                    .ifPresent(v -> q.append(q.isEmpty() ? "?" : "&").append(name).append('=').append(v));
        }
        return q.toString();
    }

    private PageResponse dailyCsv(PageRequest request) {
        Dashboard.Report report = report(request);
        Map<String, Function<Dashboard.Day, Long>> series = Dashboard.series();
        StringBuilder csv = new StringBuilder("day,").append(String.join(",", series.keySet())).append("\r\n");
        for (Dashboard.Day day : report.daily()) {
            csv.append(day.day());
            series.values().forEach(value -> csv.append(',').append(value.apply(day)));
            csv.append("\r\n");
        }
        return csv(csv);
    }

    private PageResponse summaryCsv(PageRequest request) {
        Dashboard.Report report = report(request);
        StringBuilder csv = new StringBuilder("metric,current,previous\r\n");
        var current = report.current();
        var previous = report.previous();
        for (var component : current.getClass().getRecordComponents()) {
            try {
                csv.append(component.getName()).append(',')
                        .append(cell(component.getAccessor().invoke(current))).append(',')
                        .append(cell(component.getAccessor().invoke(previous))).append("\r\n");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component.getName(), e);
            }
        }
        return csv(csv);
    }

    private static String cell(Object value) {
        return value == null ? "" : value.toString();
    }

    private static PageResponse csv(StringBuilder csv) {
        return new PageResponse(200, null, Map.of(), csv.toString(), "text/csv; charset=utf-8", null);
    }

    /** Counts every kept fact again, in the zone the setting names now; returns that zone. */
    private ZoneId rebuild(PageRequest request) {
        site.context().permissions().require(request.viewer(), MANAGE, Scope.site(),
                "Only admins can rebuild the analytics roll-ups.");
        ZoneId target = zone.wanted();
        rollups.rebuild(target);
        return target;
    }
}
