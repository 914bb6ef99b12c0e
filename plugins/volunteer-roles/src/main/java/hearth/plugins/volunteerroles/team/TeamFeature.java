package hearth.plugins.volunteerroles.team;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.slots.Slots;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.web.Html;
import hearth.api.web.PageResponse;
import hearth.plugins.volunteerroles.roles.Grants;
import hearth.plugins.volunteerroles.roles.RoleBook;
import hearth.plugins.volunteerroles.trust.TrustLevels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who the volunteers are: role badges beside names on posts and profiles (from memory), and a public team page that
 * lists the holders of each shown role.
 */
public final class TeamFeature {

    /** One role on the team page with its holders. */
    public record Team(String role, String description, List<Member> members) {
    }

    /** A holder as the team page shows them. */
    public record Member(String username, String displayName) {
    }

    private final PluginContext context;
    private final RoleBook roles;
    private final Grants grants;

    private TeamFeature(PluginContext context, RoleBook roles, Grants grants) {
        this.context = context;
        this.roles = roles;
        this.grants = grants;
    }

    public static void contribute(Contributions site, RoleBook roles, Grants grants, TrustLevels levels) {
        TeamFeature team = new TeamFeature(site.context(), roles, grants);
        site.pages()
                .get("/team", r -> PageResponse.page("volunteer-roles::team", Map.of("teams", team.teams())))
                .get("/api/team", r -> PageResponse.json(Map.of("roles", team.teams())));
        site.slot(Slots.POST_AUTHOR, slot -> slot.subject().filter(PostView.class::isInstance)
                .map(post -> team.badges(((PostView) post).authorId())).orElse(Html.EMPTY));
        site.slot(Slots.PROFILE_HEADER, slot -> slot.subject().filter(MemberView.class::isInstance)
                .map(MemberView.class::cast)
                .map(member -> Html.trusted("<p class=\"volunteer-roles\">" + team.badges(member.id()).markup()
                        + "<span class=\"trust-level\">Trust level " + levels.level(member.id()) + " ("
                        + TrustLevels.NAMES.get(levels.level(member.id())) + ")</span></p>"))
                .orElse(Html.EMPTY));
    }

    /** The badges of the shown roles a member holds now. */
    Html badges(long memberId) {
        Instant now = context.clock().instant();
        StringBuilder html = new StringBuilder();
        grants.of(memberId).stream().filter(g -> g.liveAt(now)).map(g -> roles.find(g.roleId()))
                .flatMap(Optional::stream).filter(RoleBook.RoleDef::shown).map(RoleBook.RoleDef::name).distinct()
                .sorted().forEach(name -> html.append("<span class=\"role-badge\">").append(Html.text(name).markup())
                        .append("</span> "));
        return html.isEmpty() ? Html.EMPTY : Html.trusted(html.toString().strip());
    }

    List<Team> teams() {
        Instant now = context.clock().instant();
        List<Team> teams = new ArrayList<>();
        for (RoleBook.RoleDef role : roles.all()) {
            if (!role.shown()) {
                continue;
            }
            List<Member> members = grants.open().stream()
                    .filter(g -> g.roleId() == role.id() && g.liveAt(now)).map(Grants.Grant::memberId).distinct()
                    .map(id -> context.members().byId(id)).flatMap(Optional::stream)
                    .map(m -> new Member(m.username(), m.displayName()))
                    .sorted(Comparator.comparing(Member::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
            if (!members.isEmpty()) {
                teams.add(new Team(role.name(), role.description(), members));
            }
        }
        return teams;
    }
}
