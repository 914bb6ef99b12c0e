package hearth.plugins.volunteerroles;

import hearth.api.Contributions;
import hearth.api.HearthExtension;
import hearth.api.PluginContext;
import hearth.api.access.Role;
import hearth.api.notifications.NotificationKind;
import hearth.api.slots.Slots;
import hearth.api.web.Html;
import hearth.plugins.volunteerroles.health.ActionLog;
import hearth.plugins.volunteerroles.health.HealthFeature;
import hearth.plugins.volunteerroles.roles.Changes;
import hearth.plugins.volunteerroles.roles.Grants;
import hearth.plugins.volunteerroles.roles.RoleBook;
import hearth.plugins.volunteerroles.roles.RolePolicy;
import hearth.plugins.volunteerroles.roles.RolesFeature;
import hearth.plugins.volunteerroles.team.TeamFeature;
import hearth.plugins.volunteerroles.trust.ActivityLog;
import hearth.plugins.volunteerroles.trust.Requirements;
import hearth.plugins.volunteerroles.trust.TrustFeature;
import hearth.plugins.volunteerroles.trust.TrustLevels;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The plugin's manifest: custom roles that feed the core's permission checks, trust levels earned from activity,
 * role badges and the team page, and volunteer health for community managers.
 */
@Extension
public final class VolunteerRoles implements HearthExtension {

    /** Define roles, grant and revoke them, set trust levels. */
    public static final String MANAGE = "volunteer-roles.manage";

    @Override
    public void contribute(Contributions site) {
        PluginContext context = site.context();
        site.permission(MANAGE, "Define volunteer roles, grant and revoke them, and set members' trust levels",
                Role.ADMIN);
        NotificationKind told = site.notificationKind("volunteer-roles.changes",
                "Your volunteer roles and trust level changed, or a role is about to end");

        Changes changes = new Changes(context.database(), context.clock());
        RoleBook roles = new RoleBook(context.database(), context.permissions(), changes, context.clock());
        Grants grants = new Grants(context, roles, changes, told);
        site.warmUp(() -> {
            roles.reload();
            grants.reload();
        });
        site.accessPolicy(new RolePolicy(roles, grants, context.clock())::decide);
        site.task("role-expiry", Duration.ofMinutes(5), grants::expireAndRemind);
        RolesFeature.contribute(site, roles, grants, changes);

        ActivityLog activity = new ActivityLog(context);
        Requirements requirements = new Requirements(site.settings());
        TrustLevels levels = new TrustLevels(context, requirements, activity, changes, told);
        site.warmUp(levels::reload);
        TrustFeature.contribute(site, requirements, activity, levels);

        ActionLog actions = new ActionLog(context.database());
        site.listener("activity", new ActivityListener(context, levels, activity, actions, grants)::on);
        TeamFeature.contribute(site, roles, grants, levels);
        HealthFeature.contribute(site, actions, grants, roles);

        String stylesheet = "<link rel=\"stylesheet\" href=\"" + context.assetUrl("volunteer-roles.css") + "\">";
        site.slot(Slots.HEAD_ASSETS, slot -> Html.trusted(stylesheet));
    }
}
