package hearth.plugins.welcome;

import hearth.api.Contributions;
import hearth.api.HearthExtension;
import hearth.api.PluginContext;
import hearth.api.access.Role;
import hearth.api.settings.Setting;
import hearth.api.slots.Slots;
import java.util.List;
import org.pf4j.Extension;

/**
 * The plugin's manifest: everything the welcome banner adds to the site, in one place. It only declares; the work
 * happens in the small classes it wires together.
 */
@Extension
public final class WelcomeBanner implements HearthExtension {

    /** Who may open the newcomers page; checked by the page and by the navigation link. */
    static final String SEE_NEWCOMERS = "welcome-banner.see-newcomers";

    @Override
    public void contribute(Contributions site) {
        PluginContext context = site.context();

        Setting<String> message = site.settings().text("message", "Banner text",
                "Welcome! New here? Say hello in the introductions.", 200);
        Setting<Boolean> showToMembers = site.settings().toggle("show-to-members",
                "Also show the banner to signed-in members", false);
        Setting<String> style = site.settings().choice("style", "Banner style", "info",
                List.of("info", "success", "warning"));

        site.permission(SEE_NEWCOMERS, "See the list of newcomers", Role.MEMBER);

        site.slot(Slots.PAGE_TOP, new Banner(context.templates(), message, showToMembers, style));
        site.slot(Slots.NAV_MAIN, new NewcomersLink(context.permissions()));

        Newcomers newcomers = new Newcomers(context.database());
        site.pages().get("/", new NewcomersPage(context.permissions(), newcomers));

        NewcomersAdmin admin = new NewcomersAdmin(newcomers);
        site.adminSection("Welcome banner")
                .get("/", admin::show)
                .post("/clear", admin::clear);

        site.listener("newcomers", new NewcomerListener(context.members(), newcomers));
    }
}
