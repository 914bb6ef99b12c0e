package hearth.plugins.analytics.cohorts;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.analytics.dashboard.DashboardFeature;
import hearth.plugins.analytics.metrics.Period;
import hearth.plugins.analytics.rollup.Rollups;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** Retention cohorts and the contributor funnel at {@code /x/analytics/cohorts}, and as JSON. */
public final class CohortsFeature {

    /** Everything the page shows. */
    public record Retention(String zone, Cohorts.Table weekly, Cohorts.Table monthly, Cohorts.Funnel funnel) {
    }

    private final PluginContext context;
    private final Cohorts cohorts;
    private final Rollups rollups;

    private CohortsFeature(PluginContext context, Cohorts cohorts, Rollups rollups) {
        this.context = context;
        this.cohorts = cohorts;
        this.rollups = rollups;
    }

    public static void contribute(Contributions site, Cohorts cohorts, Rollups rollups) {
        CohortsFeature feature = new CohortsFeature(site.context(), cohorts, rollups);
        site.pages()
                .get("/cohorts", r -> PageResponse.page("analytics::cohorts", Map.of("retention", feature.build(r))))
                .get("/api/cohorts", r -> PageResponse.json(feature.build(r)));
    }

    private Retention build(PageRequest request) {
        context.permissions().require(request.viewer(), DashboardFeature.VIEW, Scope.site(),
                "Only community managers can see retention.");
        ZoneId zone = rollups.zone();
        LocalDate today = LocalDate.ofInstant(context.clock().instant(), zone);
        Period period = Period.of(request.query("days"), request.query("from"), request.query("to"), today, zone);
        return new Retention(zone.getId(), cohorts.table("week", today, zone), cohorts.table("month", today, zone),
                cohorts.funnel(period, today, zone));
    }
}
