package hearth.plugins.moderation.review;

import hearth.api.access.Scope;
import hearth.api.slots.SlotContext;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.web.Html;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.util.Optional;

/**
 * The slots: "Review (N)" in the main navigation, and the flag links under posts and on profiles. All from memory
 * ({@link Queue}'s counts and open flags, the permission service), as slot renderers may do no I/O. The markup is
 * the plugin's own with numbers in it only, so it is built here rather than in a template.
 */
final class ReviewSlots {

    private final Toolkit kit;
    private final Queue queue;

    ReviewSlots(Toolkit kit, Queue queue) {
        this.kit = kit;
        this.queue = queue;
    }

    /** nav.main: the queue link with the number of waiting items the viewer reviews. */
    Html nav(SlotContext context) {
        Optional<Integer> waiting = queue.waitingFor(context.viewer());
        if (waiting.isEmpty()) {
            return Html.EMPTY;
        }
        String current = context.path().startsWith(ReviewPages.PATH) ? " aria-current=\"page\"" : "";
        return Html.trusted("<a href=\"" + ReviewPages.PATH + "\" class=\"review-count\"" + current + ">Review ("
                + waiting.get() + ")</a>");
    }

    /** post.actions: "Flag" for members who may flag, not on their own or hidden posts; "Flagged" once they have. */
    Html post(SlotContext context) {
        // Hidden posts are already with the moderators (and only their author and moderators see them).
        if (!(context.subject().orElse(null) instanceof PostView post) || post.hidden() || !mayFlag(context.viewer())
                || context.viewer().get().id() == post.authorId()) {
            return Html.EMPTY;
        }
        if (queue.hasOpenFlag(context.viewer().get().id(), ReviewStore.POST, post.id())) {
            return Html.trusted("<span class=\"flagged\">Flagged: the moderators will look at it</span>");
        }
        return Html.trusted("<a class=\"flag\" href=\"/x/moderation/flag/post/" + post.id() + "\">Flag</a>");
    }

    /** profile.header: "Flag this member" on other members' (not staff's) profiles. */
    Html profile(SlotContext context) {
        if (!(context.subject().orElse(null) instanceof MemberView member) || !mayFlag(context.viewer())
                || context.viewer().get().id() == member.id() || member.isStaff()) {
            return Html.EMPTY;
        }
        if (queue.hasOpenFlag(context.viewer().get().id(), ReviewStore.MEMBER, member.id())) {
            return Html.trusted("<p class=\"flagged\">You flagged this member: the moderators will look at it.</p>");
        }
        return Html.trusted("<a class=\"flag\" href=\"/x/moderation/flag/member/" + member.id()
                + "\">Flag this member</a>");
    }

    private boolean mayFlag(Optional<MemberView> viewer) {
        return viewer.isPresent() && kit.context().permissions().allows(viewer, Staff.FLAG, Scope.site());
    }
}
