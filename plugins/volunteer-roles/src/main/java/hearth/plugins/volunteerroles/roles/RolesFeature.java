package hearth.plugins.volunteerroles.roles;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.volunteerroles.Forms;
import hearth.plugins.volunteerroles.VolunteerRoles;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Defining roles and granting them: the admin pages and the JSON API. */
public final class RolesFeature {

    static final String ADMIN = "/admin/x/volunteer-roles/";

    /** A grant as the pages and the API show it. */
    public record GrantLine(long id, long roleId, String role, long memberId, String username, String displayName,
                            List<String> categories, String reason, String grantedAt, String endsAt) {
    }

    private final PluginContext context;
    private final RoleBook roles;
    private final Grants grants;
    private final Changes changes;

    private RolesFeature(PluginContext context, RoleBook roles, Grants grants, Changes changes) {
        this.context = context;
        this.roles = roles;
        this.grants = grants;
        this.changes = changes;
    }

    public static void contribute(Contributions site, RoleBook roles, Grants grants, Changes changes) {
        RolesFeature feature = new RolesFeature(site.context(), roles, grants, changes);
        site.adminSection("Volunteer roles")
                .get("/", feature::overview)
                .get("/roles/new", r -> feature.roleForm(Optional.empty(), Map.of(), Map.of(), 200))
                .post("/roles", feature::createRole)
                .get("/roles/:id", r -> feature.roleForm(Optional.of(roles.require(Forms.id(r, "id", "role"))),
                        Map.of(), Map.of(), 200))
                .post("/roles/:id", feature::updateRole)
                .post("/roles/:id/delete", feature::deleteRole)
                .post("/grants", feature::grant)
                .post("/grants/:id/revoke", feature::revoke);
        site.pages()
                .get("/api/roles", r -> {
                    feature.manager(r);
                    return PageResponse.json(Map.of("roles", roles.all()));
                })
                .post("/api/roles", r -> {
                    long id = roles.create(draft(r), feature.manager(r));
                    return PageResponse.json(roles.require(id)).withStatus(201);
                })
                .post("/api/roles/:id", r -> {
                    long id = Forms.id(r, "id", "role");
                    roles.update(id, draft(r), feature.manager(r));
                    return PageResponse.json(roles.require(id));
                })
                .post("/api/roles/:id/delete", r -> {
                    long id = Forms.id(r, "id", "role");
                    roles.delete(id, feature.manager(r), grants.holders(id));
                    return PageResponse.json(Map.of("deleted", id));
                })
                .get("/api/grants", r -> {
                    feature.manager(r);
                    return PageResponse.json(Map.of("grants", feature.lines()));
                })
                .post("/api/grants", r -> {
                    long id = grants.grant(feature.request(r), feature.manager(r));
                    return PageResponse.json(feature.line(grants.require(id))).withStatus(201);
                })
                .post("/api/grants/:id/revoke", r -> {
                    long id = Forms.id(r, "id", "grant");
                    grants.revoke(id, Forms.reason(r), feature.manager(r));
                    return PageResponse.json(Map.of("revoked", id));
                });
    }

    /** The viewer's id if they may manage roles; else 403. */
    long manager(PageRequest request) {
        context.permissions().require(request.viewer(), VolunteerRoles.MANAGE, Scope.site(),
                "Only admins can manage volunteer roles.");
        return request.viewer().orElseThrow().id();
    }

    private PageResponse overview(PageRequest request) {
        return overview(request, Map.of(), Map.of(), 200);
    }

    private PageResponse overview(PageRequest request, Map<String, String> errors, Map<String, Object> values,
                                  int status) {
        manager(request);
        Map<String, Object> model = new HashMap<>();
        model.put("roles", roles.all().stream().map(role -> Map.of("role", role, "holders", grants.holders(role.id())))
                .toList());
        model.put("grants", lines());
        model.put("categories", context.topics().categories());
        model.put("changes", changes.recent(0, 30));
        model.put("names", names());
        model.put("errors", errors);
        model.put("values", values);
        model.put("done", request.query("done").orElse(""));
        return PageResponse.page("volunteer-roles::admin", model).withStatus(status);
    }

    private PageResponse roleForm(Optional<RoleBook.RoleDef> role, Map<String, String> errors,
                                  Map<String, Object> values, int status) {
        Map<String, Object> model = new HashMap<>();
        role.ifPresent(r -> model.put("role", r));
        model.put("permissions", roles.grantable());
        model.put("errors", errors);
        model.put("values", values.isEmpty() && role.isPresent()
                ? Map.of("name", role.get().name(), "description", role.get().description(),
                "shown", role.get().shown(), "permissions", role.get().permissions())
                : values);
        return PageResponse.page("volunteer-roles::role-form", model).withStatus(status);
    }

    private PageResponse createRole(PageRequest request) {
        long actor = manager(request);
        return saveRole(request, Optional.empty(), () -> roles.create(draft(request), actor));
    }

    private PageResponse updateRole(PageRequest request) {
        long actor = manager(request);
        RoleBook.RoleDef role = roles.require(Forms.id(request, "id", "role"));
        return saveRole(request, Optional.of(role), () -> {
            roles.update(role.id(), draft(request), actor);
            return role.id();
        });
    }

    private PageResponse saveRole(PageRequest request, Optional<RoleBook.RoleDef> role, Supplier<Long> save) {
        try {
            save.get();
        } catch (InvalidInput e) {
            return roleForm(role, e.errors(), Map.of("name", Forms.text(request, "name"),
                    "description", Forms.text(request, "description"), "shown", shown(request),
                    "permissions", Set.copyOf(request.formValues("permissions"))), 400);
        }
        return PageResponse.redirect(ADMIN + "?done=role-saved");
    }

    private PageResponse deleteRole(PageRequest request) {
        long id = Forms.id(request, "id", "role");
        roles.delete(id, manager(request), grants.holders(id));
        return PageResponse.redirect(ADMIN + "?done=role-deleted");
    }

    private PageResponse grant(PageRequest request) {
        long actor = manager(request);
        try {
            grants.grant(request(request), actor);
        } catch (InvalidInput e) {
            Map<String, Object> values = new HashMap<>();
            for (String field : List.of("member", "role", "ends", "days", "reason")) {
                values.put(field, Forms.text(request, field));
            }
            values.put("categories", Set.copyOf(request.formValues("categories")));
            return overview(request, e.errors(), values, 400);
        }
        return PageResponse.redirect(ADMIN + "?done=granted");
    }

    private PageResponse revoke(PageRequest request) {
        long actor = manager(request);
        long id = Forms.id(request, "id", "grant");
        try {
            grants.revoke(id, Forms.reason(request), actor);
        } catch (InvalidInput e) {
            return overview(request, Map.of("revoke-" + id, e.getMessage()), Map.of(), 400);
        }
        return PageResponse.redirect(ADMIN + "?done=revoked");
    }

    /** The grant form (or API body): {@code member} username, {@code role} id, {@code categories}, end, reason. */
    Grants.Request request(PageRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        String username = Forms.text(request, "member").replaceFirst("^@", "");
        Optional<MemberView> member = username.isEmpty() ? Optional.empty()
                : context.members().byUsername(username);
        if (member.isEmpty()) {
            errors.put("member", username.isEmpty() ? "Name the member (their username)."
                    : "There is no member called @" + username + ".");
        }
        long roleId = 0;
        try {
            roleId = Forms.number(request, "role", 0, "Choose a role.");
        } catch (InvalidInput e) {
            errors.putAll(e.errors());
        }
        if (roleId != 0 && roles.find(roleId).isEmpty() || roleId == 0 && !errors.containsKey("role")) {
            errors.put("role", "Choose a role.");
        }
        Set<Long> known = new LinkedHashSet<>(context.topics().categories().stream().map(CategoryView::id).toList());
        Set<Long> categories = new LinkedHashSet<>();
        for (String raw : request.formValues("categories")) {
            try {
                long id = Long.parseLong(raw.strip());
                if (!known.contains(id)) {
                    throw new NumberFormatException();
                }
                categories.add(id);
            } catch (NumberFormatException e) {
                errors.put("categories", "Choose categories of this site (or none, for the whole site).");
            }
        }
        Instant ends = null;
        try {
            ends = Forms.ends(request, context.clock().instant());
        } catch (InvalidInput e) {
            errors.putAll(e.errors());
        }
        String reason = Forms.text(request, "reason");
        if (reason.isEmpty()) {
            errors.put("reason", "Say why, for the member and the record.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Grants.Request(roleId, member.get().id(), Set.copyOf(categories), ends, reason);
    }

    private static RoleBook.Draft draft(PageRequest request) {
        return new RoleBook.Draft(Forms.text(request, "name"), Forms.text(request, "description"), shown(request),
                request.formValues("permissions").stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
    }

    private static boolean shown(PageRequest request) {
        return request.form("shown").map(v -> v.equals("on") || v.equals("true")).orElse(false);
    }

    List<GrantLine> lines() {
        Map<Long, String> names = names();
        return grants.open().stream().map(grant -> line(grant, names)).toList();
    }

    GrantLine line(Grants.Grant grant) {
        return line(grant, names());
    }

    private GrantLine line(Grants.Grant grant, Map<Long, String> names) {
        Optional<MemberView> member = context.members().byId(grant.memberId());
        return new GrantLine(grant.id(), grant.roleId(), roles.find(grant.roleId()).map(RoleBook.RoleDef::name)
                .orElse("?"), grant.memberId(), member.map(MemberView::username).orElse("?"),
                member.map(MemberView::displayName).orElse("?"),
                grant.categories().stream().map(id -> names.getOrDefault(id, "#" + id)).sorted().toList(),
                grant.reason(), grant.grantedAt().toString(), grant.endsAt() == null ? null : grant.endsAt().toString());
    }

    private Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        context.topics().categories().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }
}
