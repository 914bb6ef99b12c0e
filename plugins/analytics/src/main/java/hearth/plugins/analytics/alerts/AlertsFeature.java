package hearth.plugins.analytics.alerts;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.notifications.NotificationKind;
import hearth.api.settings.Setting;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.analytics.dashboard.DashboardFeature;
import hearth.plugins.analytics.rollup.Tables;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The response SLA page at {@code /x/analytics/sla} (and as JSON), the alerts task and managers' opting in. */
public final class AlertsFeature {

    private final PluginContext context;
    private final Sla sla;
    private final SlaTargets targets;
    private final Alerts alerts;

    private AlertsFeature(PluginContext context, Sla sla, SlaTargets targets, Alerts alerts) {
        this.context = context;
        this.sla = sla;
        this.targets = targets;
        this.alerts = alerts;
    }

    public static void contribute(Contributions site, Tables tables) {
        PluginContext context = site.context();
        SlaTargets targets = new SlaTargets(
                site.settings().number("sla-hours", "Target time to a first response, in hours", 24, 1, 720),
                site.settings().text("sla-exceptions", "Other targets for some categories, as category-slug=hours"
                        + " separated by commas (e.g. help-support=4, general=48)", "", 1000));
        Setting<Integer> unansweredHours = site.settings().number("unanswered-alert-hours",
                "Alert when a topic has had no reply for this many hours", 48, 1, 720);
        Setting<Integer> flagMinimum = site.settings().number("flag-alert-minimum",
                "Alert on rising flags only from this many flags a day", 5, 1, 10_000);
        NotificationKind kind = site.notificationKind("analytics.alerts",
                "Community alerts: SLA breaches, old unanswered topics, rising flags, a falling response rate");
        Sla sla = new Sla(context, tables, targets);
        Alerts alerts = new Alerts(context, tables, sla, kind, unansweredHours, flagMinimum);
        site.task("alerts", Duration.ofMinutes(15), alerts::run);
        AlertsFeature feature = new AlertsFeature(context, sla, targets, alerts);
        site.pages()
                .get("/sla", feature::page)
                .get("/api/sla", r -> PageResponse.json(feature.report(r)))
                .post("/alerts", r -> {
                    feature.subscribe(r);
                    return PageResponse.redirect("/x/analytics/sla");
                })
                .post("/api/alerts", r -> PageResponse.json(Map.of("subscribed", feature.subscribe(r))));
    }

    private Sla.Report report(PageRequest request) {
        context.permissions().require(request.viewer(), DashboardFeature.VIEW, Scope.site(),
                "Only community managers can see the response SLA.");
        return sla.report();
    }

    private PageResponse page(PageRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("report", report(request));
        model.put("subscribed", alerts.subscribed(request.viewer().orElseThrow().id()));
        model.put("problem", targets.problem().orElse(""));
        return PageResponse.page("analytics::sla", model);
    }

    /** Opts the viewer in or out of alerts ({@code subscribe}: true or false); returns the new state. */
    private boolean subscribe(PageRequest request) {
        MemberView viewer = request.viewer().orElse(null);
        context.permissions().require(request.viewer(), DashboardFeature.VIEW, Scope.site(),
                "Only community managers can get community alerts.");
        String value = request.form("subscribe").orElse("").strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidInput("subscribe", "Say true to get alerts or false to stop them.");
        }
        alerts.subscribe(viewer.id(), value.equals("true"));
        return value.equals("true");
    }
}
