package hearth.plugins.welcome;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.slots.SlotContext;
import hearth.api.slots.SlotRenderer;
import hearth.api.web.Html;

/**
 * "Newcomers" in the main navigation, shown only to those the page would let in (by default: signed-in members).
 * Asking the permission service is fine here: it answers from memory.
 */
final class NewcomersLink implements SlotRenderer {

    private static final Html LINK = Html.trusted("<a href=\"" + NewcomersPage.PATH + "\">Newcomers</a>");
    private static final Html CURRENT_LINK =
            Html.trusted("<a href=\"" + NewcomersPage.PATH + "\" aria-current=\"page\">Newcomers</a>");

    private final Permissions permissions;

    NewcomersLink(Permissions permissions) {
        this.permissions = permissions;
    }

    @Override
    public Html render(SlotContext context) {
        if (!permissions.allows(context.viewer(), WelcomeBanner.SEE_NEWCOMERS, Scope.site())) {
            return Html.EMPTY;
        }
        return context.path().startsWith(NewcomersPage.PATH) ? CURRENT_LINK : LINK;
    }
}
