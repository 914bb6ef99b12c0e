package hearth.plugins.welcome;

import hearth.api.settings.Setting;
import hearth.api.slots.SlotContext;
import hearth.api.slots.SlotRenderer;
import hearth.api.web.Html;
import hearth.api.web.PluginTemplates;
import java.util.Map;

/**
 * The banner above every page, for visitors who are not signed in (and for members too if the admin says so).
 * It renders on the request's event loop, so it works only from memory: settings are memory reads and the template
 * is compiled after its first use.
 */
final class Banner implements SlotRenderer {

    private final PluginTemplates templates;
    private final Setting<String> message;
    private final Setting<Boolean> showToMembers;
    private final Setting<String> style;

    Banner(PluginTemplates templates, Setting<String> message, Setting<Boolean> showToMembers, Setting<String> style) {
        this.templates = templates;
        this.message = message;
        this.showToMembers = showToMembers;
        this.style = style;
    }

    @Override
    public Html render(SlotContext context) {
        String text = message.get().strip();
        boolean wanted = context.viewer().isEmpty() || showToMembers.get();
        if (text.isEmpty() || !wanted) {
            return Html.EMPTY;
        }
        // Settings are read on each render, so an admin's change shows on the next page without a restart.
        return templates.render("welcome-banner::banner",
                Map.of("message", text, "style", style.get(), "newcomers", NewcomersPage.PATH));
    }
}
