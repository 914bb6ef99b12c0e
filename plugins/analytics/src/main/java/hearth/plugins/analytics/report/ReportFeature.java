package hearth.plugins.analytics.report;

import hearth.api.Contributions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.analytics.dashboard.DashboardFeature;
import java.time.Duration;
import java.util.Map;

/** The weekly report's opt-in page at {@code /x/analytics/report} (and as JSON) and the task that mails it. */
public final class ReportFeature {

    /** How often the task looks for a report to send: the report leaves at most this long after the week ends. */
    static final Duration CHECK = Duration.ofMinutes(15);

    private final Contributions site;
    private final WeeklyReport report;

    private ReportFeature(Contributions site, WeeklyReport report) {
        this.site = site;
        this.report = report;
    }

    public static void contribute(Contributions site, WeeklyReport report) {
        ReportFeature feature = new ReportFeature(site, report);
        site.task("weekly-report", CHECK, report::run);
        site.pages()
                .get("/report", feature::page)
                .post("/report", r -> {
                    feature.subscribe(r);
                    return PageResponse.redirect(WeeklyReport.PAGE);
                })
                .get("/api/report", r -> PageResponse.json(Map.of("subscribed", feature.subscribed(r))))
                .post("/api/report", r -> PageResponse.json(Map.of("subscribed", feature.subscribe(r))));
    }

    private boolean subscribed(PageRequest request) {
        site.context().permissions().require(request.viewer(), DashboardFeature.VIEW, Scope.site(),
                "Only community managers can get the weekly report.");
        return report.subscribed(request.viewer().orElseThrow().id());
    }

    private PageResponse page(PageRequest request) {
        return PageResponse.page("analytics::report", Map.of("subscribed", subscribed(request)));
    }

    /** Opts the viewer in or out ({@code subscribe}: true or false); returns the new state. */
    private boolean subscribe(PageRequest request) {
        site.context().permissions().require(request.viewer(), DashboardFeature.VIEW, Scope.site(),
                "Only community managers can get the weekly report.");
        String value = request.form("subscribe").orElse("").strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidInput("subscribe", "Say true to get the weekly report or false to stop it.");
        }
        report.subscribe(request.viewer().orElseThrow().id(), value.equals("true"));
        return value.equals("true");
    }
}
