package hearth.plugins.analytics;

import hearth.api.Contributions;
import hearth.api.HearthExtension;
import hearth.api.PluginContext;
import hearth.api.access.Role;
import hearth.api.slots.Slots;
import hearth.api.web.Html;
import hearth.plugins.analytics.alerts.AlertsFeature;
import hearth.plugins.analytics.cohorts.Cohorts;
import hearth.plugins.analytics.cohorts.CohortsFeature;
import hearth.plugins.analytics.dashboard.Dashboard;
import hearth.plugins.analytics.dashboard.DashboardFeature;
import hearth.plugins.analytics.gaps.ContentGaps;
import hearth.plugins.analytics.metrics.MetricsReader;
import hearth.plugins.analytics.report.ReportFeature;
import hearth.plugins.analytics.report.WeeklyReport;
import hearth.plugins.analytics.rollup.JournalFollower;
import hearth.plugins.analytics.rollup.Rollups;
import hearth.plugins.analytics.rollup.Tables;
import hearth.plugins.analytics.segments.Segments;
import hearth.plugins.analytics.segments.SegmentsFeature;
import hearth.plugins.analytics.traffic.Traffic;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The plugin's manifest: daily roll-ups kept from the journal (and rebuilt when the site's time zone changes) and
 * first-party traffic counts; over them the community manager's dashboard with its exports, response SLA and
 * alerts, retention cohorts and the funnel, member segments to message, and the weekly report by mail.
 */
@Extension
public final class Analytics implements HearthExtension {

    @Override
    public void contribute(Contributions site) {
        PluginContext context = site.context();
        site.permission(DashboardFeature.VIEW, "See the community analytics dashboard and export its numbers",
                Role.ADMIN);
        site.permission(DashboardFeature.MANAGE, "Rebuild the analytics roll-ups", Role.ADMIN);
        SiteZone zone = new SiteZone(site.settings().text("time-zone",
                "The community's time zone: days start at its midnight (e.g. Europe/Berlin)", "UTC", 60));

        Tables tables = new Tables(context.database());
        Rollups rollups = new Rollups(context.database(), tables, context.clock());
        site.listener("rollups", new JournalFollower(rollups, context.topics())::on);
        Traffic traffic = new Traffic(context.database(), tables);
        site.warmUp(() -> traffic.follow(rollups));
        site.requestObserver(traffic::observe);
        site.task("traffic", Duration.ofMinutes(1), () -> traffic.flush(rollups));
        // A changed time zone moves every day boundary, and a new version may keep more: count everything again.
        site.task("time-zone", Duration.ofMinutes(1), () -> {
            if (!rollups.zone().equals(zone.wanted()) || rollups.stale()) {
                rollups.rebuild(zone.wanted());
            }
        });
        // A day that is over is read from its summary: a year of dashboard is then a few hundred rows.
        site.task("close-days", Duration.ofMinutes(1), rollups::closeDays);
        MetricsReader metrics = new MetricsReader(context.database(), tables);
        Dashboard dashboard = new Dashboard(context, metrics, new ContentGaps(context.database()));
        DashboardFeature.contribute(site, dashboard, rollups, zone);
        AlertsFeature.contribute(site, tables);
        CohortsFeature.contribute(site, new Cohorts(context.database(), tables), rollups);
        SegmentsFeature.contribute(site, new Segments(context.database(), tables), rollups);
        ReportFeature.contribute(site, new WeeklyReport(context, metrics, rollups));

        String stylesheet = "<link rel=\"stylesheet\" href=\"" + context.assetUrl("analytics.css") + "\">";
        site.slot(Slots.HEAD_ASSETS, slot -> slot.path().contains("/x/analytics") ? Html.trusted(stylesheet)
                : Html.EMPTY);
    }
}
