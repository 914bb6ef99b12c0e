package hearth.plugins.volunteerroles.health;

import hearth.api.Contributions;
import hearth.api.access.Role;
import hearth.api.access.Scope;
import hearth.api.settings.Setting;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.volunteerroles.roles.Grants;
import hearth.plugins.volunteerroles.roles.RoleBook;
import java.util.Map;

/** Volunteer health for community managers: the admin page and its JSON. */
public final class HealthFeature {

    /** See volunteer health. */
    public static final String VIEW = "volunteer-roles.health";

    private HealthFeature() {
    }

    public static void contribute(Contributions site, ActionLog actions, Grants grants, RoleBook roles) {
        site.permission(VIEW, "See volunteer health: what each volunteer did, how fast, and who went quiet",
                Role.ADMIN);
        Setting<String> zone = site.settings().text("time-zone",
                "The community's time zone, for after-hours work (e.g. Europe/Berlin)", "UTC", 60);
        Setting<Integer> quietDays = site.settings().number("quiet-days",
                "A volunteer has gone quiet after this many days without an action", 14, 1, 365);
        HealthReport report = new HealthReport(site.context(), actions, grants, roles, zone, quietDays);
        site.pages()
                .get("/health", r -> PageResponse.page("volunteer-roles::health", Map.of("report", build(site, r,
                        report))))
                .get("/api/health", r -> PageResponse.json(build(site, r, report)));
    }

    private static HealthReport.Report build(Contributions site, PageRequest request, HealthReport report) {
        site.context().permissions().require(request.viewer(), VIEW, Scope.site(),
                "Only community managers can see volunteer health.");
        return report.build();
    }
}
