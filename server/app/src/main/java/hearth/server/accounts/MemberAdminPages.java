package hearth.server.accounts;

import hearth.server.web.Forms;
import hearth.api.errors.InvalidInput;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/members}: admins find members (by the start of their username or display name, 50 a page), see their
 * role and standing, and change their role with a reason. Admins only; everyone else gets a 403.
 */
public final class MemberAdminPages implements Routes {

    static final List<String> ROLES = List.of("member", "moderator", "admin");

    private final MemberAdmin admin;
    private final Pages pages;

    public MemberAdminPages(MemberAdmin admin, Pages pages) {
        this.admin = admin;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/members").handler(this::list);
        router.get("/admin/members/:username").handler(this::show);
        router.post("/admin/members/:username/role").handler(this::changeRole);
    }

    private void list(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        MemberAdmin.requireAdmin(viewer);
        String query = ctx.request().getParam("q", "");
        pages.respond(ctx, "admin-members", admin.list(viewer, query, ctx.request().getParam("page"))
                .map(page -> Map.of("page", page, "q", page.query(),
                        "qParam", URLEncoder.encode(page.query(), StandardCharsets.UTF_8))));
    }

    private void show(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        MemberAdmin.requireAdmin(viewer);
        pages.respond(ctx, "admin-member", admin.find(viewer, ctx.pathParam("username")).map(member -> model(member,
                member.roleKey(), "", "yes".equals(ctx.request().getParam("changed")))));
    }

    private void changeRole(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        MemberAdmin.requireAdmin(viewer);
        String username = ctx.pathParam("username");
        String role = Forms.field(ctx, "role");
        String reason = Forms.field(ctx, "reason");
        admin.changeRole(viewer, username, role, reason)
                .onSuccess(member -> Pages.redirect(ctx, member.id() == viewer.memberId() && member.role()
                        != Members.Role.ADMIN ? "/" : "/admin/members/" + member.username() + "?changed=yes"))
                .onFailure(failure -> {
                    if (!(failure instanceof InvalidInput invalid)) {
                        ctx.fail(failure);
                        return;
                    }
                    admin.find(viewer, username)
                            .onSuccess(member -> pages.showErrors(ctx, "admin-member",
                                    model(member, role, reason, false), invalid))
                            .onFailure(ctx::fail);
                });
    }

    private static Map<String, Object> model(MemberAdmin.Listed member, String role, String reason, boolean changed) {
        Map<String, Object> model = new HashMap<>();
        model.put("member", member);
        model.put("roles", ROLES);
        model.put("role", role);
        model.put("reason", reason);
        model.put("changed", changed);
        return model;
    }
}
