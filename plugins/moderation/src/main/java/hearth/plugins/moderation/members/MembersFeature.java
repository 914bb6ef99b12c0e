package hearth.plugins.moderation.members;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Role;
import hearth.api.slots.Slots;
import hearth.plugins.moderation.TimelineSource;
import hearth.plugins.moderation.Toolkit;
import java.util.ArrayList;
import java.util.List;

/**
 * Members and sanctions: the staff's member page (standing, warn, silence, suspend, ban, lift, notes and the member's
 * timeline) and its JSON API, the canned reasons admins keep, and appeals.
 */
public final class MembersFeature {

    /** Edit the canned reasons for sanctions. */
    static final String EDIT_REASONS = "moderation.reasons";

    /** Appeals a person may send in an hour, per username and per client address; and from everyone together. */
    private static final int APPEALS_PER_HOUR = 3;
    private static final int APPEALS_PER_HOUR_OVERALL = 60;

    private MembersFeature() {
    }

    /** Declares the member pages; {@code elsewhere} are the other parts' timeline sources (flags). */
    public static void contribute(Contributions site, Toolkit kit, List<TimelineSource> elsewhere) {
        PluginContext context = kit.context();
        site.permission(EDIT_REASONS, "Edit the canned reasons offered when sanctioning a member", Role.ADMIN);

        CannedReasons reasons = new CannedReasons(context.database(), kit.audit());
        Notes notes = new Notes(context.database(), kit.audit(), context.members(), context.clock());
        Appeals appeals = new Appeals(context.database(), kit.audit(), context.members(), context.clock());
        List<TimelineSource> sources = new ArrayList<>(List.of(new PostsSource(context.topics()),
                new AuditSource(kit.audit(), context.database(), context.topics(), context.members()), notes, appeals));
        sources.addAll(elsewhere);
        Timeline timeline = new Timeline(sources);
        MemberActions actions = new MemberActions(kit, reasons, notes);

        MemberPages pages = new MemberPages(actions, reasons, timeline);
        MemberApi api = new MemberApi(actions, timeline);
        ReasonPages reasonPages = new ReasonPages(context.permissions(), reasons);
        AppealPages appealPages = new AppealPages(kit, appeals,
                new AppealLimiter(context.clock(), APPEALS_PER_HOUR, APPEALS_PER_HOUR_OVERALL), actions);
        site.pages()
                .get("/members/:username", pages::show)
                .post("/members/:username/:action", pages::act)
                .get("/api/members/:username", api::show)
                .post("/api/members/:username/:action", api::act)
                .get("/reasons", reasonPages::show)
                .post("/reasons", reasonPages::add)
                .post("/reasons/:id", reasonPages::edit)
                .post("/reasons/:id/delete", reasonPages::delete)
                .get("/appeal", appealPages::form)
                .post("/appeal", appealPages::send)
                .get("/appeals", appealPages::list)
                .post("/appeals/:id/:answer", appealPages::answer);
        site.slot(Slots.PROFILE_HEADER, new ModerateLink(context.permissions()));
    }
}
