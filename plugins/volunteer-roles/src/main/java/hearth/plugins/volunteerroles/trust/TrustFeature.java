package hearth.plugins.volunteerroles.trust;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.settings.Setting;
import hearth.api.slots.Slots;
import hearth.api.views.MemberView;
import hearth.api.web.Html;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.volunteerroles.Forms;
import hearth.plugins.volunteerroles.VolunteerRoles;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trust levels: the settings, the policy and guard that make levels matter, visits and the nightly run that keep
 * them current, the progress page a member reaches from their profile, and admins' level changes and locks.
 */
public final class TrustFeature {

    private final PluginContext context;
    private final TrustLevels levels;
    private final Requirements requirements;
    private final ActivityLog activity;

    private TrustFeature(PluginContext context, TrustLevels levels, Requirements requirements, ActivityLog activity) {
        this.context = context;
        this.levels = levels;
        this.requirements = requirements;
        this.activity = activity;
    }

    /** Declares trust levels: settings, policy, guard, visits, the nightly run, pages and the profile tab. */
    public static void contribute(Contributions site, Requirements requirements, ActivityLog activity,
                                         TrustLevels levels) {
        PluginContext context = site.context();
        Setting<Integer> flagLevel = site.settings().number("flag-level", "Trust level needed to flag posts", 1, 0, 4);
        Setting<Integer> maxLinks = site.settings().number("tl0-max-links", "Level 0: links allowed in a post", 2, 0,
                100);
        Setting<Integer> maxImages = site.settings().number("tl0-max-images", "Level 0: images allowed in a post", 1,
                0, 100);
        List<Setting<String>> unlocks = List.of(
                unlock(site, 1, ""), unlock(site, 2, ""), unlock(site, 3, "discussions.retitle,discussions.recategorise"),
                unlock(site, 4, "discussions.edit-others"));
        site.accessPolicy(new TrustPolicy(levels, flagLevel, unlocks)::decide);
        site.contentGuard(new NewcomerLinks(levels, maxLinks, maxImages));
        Visits visits = new Visits(activity, levels::promote);
        site.requestObserver(visits::observe);
        site.task("reading-time", Duration.ofMinutes(1), visits::flush);
        site.task("nightly-levels", Duration.ofDays(1), levels::evaluateAll);

        TrustFeature feature = new TrustFeature(context, levels, requirements, activity);
        site.pages()
                .get("/trust/:username", feature::page)
                .post("/trust/:username", feature::set)
                .get("/api/trust/:username", r -> PageResponse.json(feature.progress(feature.visible(r))))
                .post("/api/trust/:username", r -> {
                    MemberView member = feature.member(r);
                    feature.change(r, member);
                    return PageResponse.json(feature.progress(member));
                });
        site.slot(Slots.PROFILE_TABS, slot -> slot.subject().filter(MemberView.class::isInstance)
                .map(MemberView.class::cast)
                .filter(member -> slot.viewer().map(v -> v.id() == member.id() || v.isStaff()).orElse(false))
                .map(member -> Html.trusted("<a href=\"/x/volunteer-roles/trust/" + member.username()
                        + "\">Trust level " + levels.level(member.id()) + "</a>"))
                .orElse(Html.EMPTY));
    }

    private static Setting<String> unlock(Contributions site, int level, String defaultKeys) {
        return site.settings().text("tl" + level + "-unlocks", "Level " + level
                + " also allows these permissions (comma-separated keys)", defaultKeys, 500);
    }

    /** The member's progress, their standing and counts, as the page and the API show it. */
    Map<String, Object> progress(MemberView member) {
        TrustLevels.Standing standing = levels.standing(member.id());
        Progress progress = Progress.of(standing, requirements, activity.since(member.id(), Instant.EPOCH),
                levels.windowActivity(member.id()));
        Map<String, Object> view = new HashMap<>();
        view.put("username", member.username());
        view.put("level", progress.level());
        view.put("name", progress.levelName());
        view.put("locked", progress.locked());
        view.put("next", progress.next());
        view.put("windowDays", requirements.window());
        view.put("items", progress.items().stream().map(i -> Map.of("label", i.label(), "have", i.have(),
                "needed", i.needed(), "atMost", i.atMost(), "met", i.met(), "advice", i.advice())).toList());
        return view;
    }

    private PageResponse page(PageRequest request) {
        return page(request, visible(request), Map.of(), 200);
    }

    private PageResponse page(PageRequest request, MemberView member, Map<String, String> errors, int status) {
        Map<String, Object> model = new HashMap<>(progress(member));
        model.put("member", member);
        model.put("self", request.viewer().map(v -> v.id() == member.id()).orElse(false));
        model.put("mayChange", mayChange(request.viewer()));
        model.put("errors", errors);
        model.put("names", TrustLevels.NAMES);
        model.put("done", request.query("done").orElse(""));
        return PageResponse.page("volunteer-roles::trust", model).withStatus(status);
    }

    private PageResponse set(PageRequest request) {
        MemberView member = member(request);
        try {
            change(request, member);
        } catch (InvalidInput e) {
            return page(request, member, e.errors(), 400);
        }
        return PageResponse.redirect("/x/volunteer-roles/trust/" + member.username() + "?done=saved");
    }

    private void change(PageRequest request, MemberView member) {
        if (!mayChange(request.viewer())) {
            throw new Forbidden("Only admins can set trust levels.");
        }
        long level = Forms.number(request, "level", -1, "Choose a trust level from 0 to 4.");
        boolean lock = request.form("locked").map(v -> v.equals("on") || v.equals("true")).orElse(false);
        levels.set(member.id(), (int) level, lock, Forms.text(request, "reason"), request.viewer().orElseThrow().id());
    }

    private boolean mayChange(Optional<MemberView> viewer) {
        return context.permissions().allows(viewer, VolunteerRoles.MANAGE, Scope.site());
    }

    /** The member named in the path, if the viewer may see their progress: themselves, staff and managers. */
    private MemberView visible(PageRequest request) {
        MemberView member = member(request);
        boolean allowed = request.viewer().map(v -> v.id() == member.id() || v.isStaff()).orElse(false)
                || mayChange(request.viewer());
        if (!allowed) {
            throw new Forbidden("Only the member and the staff can see a member's trust progress.");
        }
        return member;
    }

    private MemberView member(PageRequest request) {
        return context.members().byUsername(request.param("username"))
                .orElseThrow(() -> new NotFound("There is no such member."));
    }
}
