package hearth.plugins.moderation.members;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.slots.SlotContext;
import hearth.api.slots.SlotRenderer;
import hearth.api.views.MemberView;
import hearth.api.web.Html;
import hearth.plugins.moderation.Staff;

/**
 * "Moderate" under a profile's name, for those who may open the member's moderation page (not on their own profile).
 * The permission service answers from memory, so this does no I/O.
 */
final class ModerateLink implements SlotRenderer {

    private final Permissions permissions;

    ModerateLink(Permissions permissions) {
        this.permissions = permissions;
    }

    @Override
    public Html render(SlotContext context) {
        if (!(context.subject().orElse(null) instanceof MemberView member)
                || context.viewer().map(viewer -> viewer.id() == member.id()).orElse(true)
                || !permissions.allows(context.viewer(), Staff.REVIEW, Scope.site())) {
            return Html.EMPTY;
        }
        return Html.trusted("<a class=\"button moderate-member\" href=\""
                + Html.text(MemberPages.path(member.username())).markup() + "\">Moderate</a>");
    }
}
