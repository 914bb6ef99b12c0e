package hearth.plugins.moderation;

import hearth.api.Contributions;
import hearth.api.HearthExtension;
import hearth.api.PluginContext;
import hearth.api.access.Role;
import hearth.api.settings.Setting;
import hearth.api.slots.Slots;
import hearth.api.web.Html;
import hearth.plugins.moderation.admin.AdminFeature;
import hearth.plugins.moderation.audit.AuditFeature;
import hearth.plugins.moderation.guards.GuardsFeature;
import hearth.plugins.moderation.members.MembersFeature;
import hearth.plugins.moderation.review.ReviewFeature;
import hearth.plugins.moderation.topics.TopicsFeature;
import java.util.List;
import org.pf4j.Extension;

/**
 * The plugin's manifest: the permissions and shared services, then each part of moderation declares its own
 * settings, routes, slots, guards and listeners (flags and the review queue, content guards and crisis mode, members
 * and sanctions, topic tools, the audit log).
 */
@Extension
public final class Moderation implements HearthExtension {

    @Override
    public void contribute(Contributions site) {
        PluginContext context = site.context();
        site.permission(Staff.FLAG, "Flag posts and members for the moderators", Role.MEMBER);
        site.permission(Staff.REVIEW, "Open the review queue and act on flags, held posts and sign-ups",
                Role.MODERATOR);
        site.permission(Staff.SANCTION, "Silence and suspend members", Role.MODERATOR);
        site.permission(Staff.SILENCE_BRIEFLY, "Silence the author of a post under review for up to 24 hours",
                Role.MODERATOR);
        site.permission(Staff.BAN, "Ban members for good", Role.ADMIN);
        site.permission(Staff.AUDIT, "Read the moderation audit log", Role.MODERATOR);
        site.permission(Staff.CRISIS, "Switch crisis mode on and off", Role.ADMIN);

        Setting<String> appealUrl = site.settings().text("appeal-url", "Where members appeal a sanction (a path or URL)",
                "/x/moderation/appeal", 200);
        Staff staff = new Staff(context.database(), context.permissions(), context.topics());
        site.accessPolicy(staff::decide);
        site.warmUp(staff::reload);
        AuditLog audit = new AuditLog(context.database(), context.clock());
        Toolkit kit = new Toolkit(context, staff, audit,
                new Sanctions(context.moderation(), audit, context.clock(), appealUrl));

        String stylesheet = "<link rel=\"stylesheet\" href=\"" + context.assetUrl("moderation.css") + "\">";
        site.slot(Slots.HEAD_ASSETS, slot -> slot.path().startsWith("/x/moderation/") ? Html.trusted(stylesheet)
                : Html.EMPTY);

        TimelineSource flags = ReviewFeature.contribute(site, kit);
        GuardsFeature.contribute(site, kit);
        MembersFeature.contribute(site, kit, List.of(flags));
        TopicsFeature.contribute(site, kit);
        AuditFeature.contribute(site, kit);
        AdminFeature.contribute(site, kit);
    }
}
