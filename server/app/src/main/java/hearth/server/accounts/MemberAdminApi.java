package hearth.server.accounts;

import hearth.server.web.Json;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Member administration in the API, admins only (403 otherwise): {@code GET /api/v1/admin/members?q=&page=} lists
 * members like the page does, {@code PATCH /api/v1/admin/members/{username}} with {@code {"role", "reason"}} changes
 * a member's role.
 */
public final class MemberAdminApi implements Routes {

    private final MemberAdmin admin;

    public MemberAdminApi(MemberAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/admin/members").handler(this::list);
        router.get("/api/v1/admin/members/:username").handler(this::show);
        router.patch("/api/v1/admin/members/:username").handler(this::changeRole);
    }

    private void list(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        MemberAdmin.requireAdmin(viewer);
        Json.respond(ctx, 200, admin.list(viewer, ctx.request().getParam("q", ""), ctx.request().getParam("page"))
                .map(page -> {
                    JsonArray members = new JsonArray();
                    page.members().forEach(m -> members.add(json(m)));
                    return new JsonObject()
                            .put("members", members)
                            .put("query", page.query())
                            .put("page", page.page())
                            .put("pages", page.pages())
                            .put("pageSize", MemberAdmin.PAGE_SIZE)
                            .put("total", page.total());
                }));
    }

    private void show(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        MemberAdmin.requireAdmin(viewer);
        Json.respond(ctx, 200, admin.find(viewer, ctx.pathParam("username")).map(MemberAdminApi::json));
    }

    private void changeRole(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        MemberAdmin.requireAdmin(viewer);
        JsonObject body = Json.body(ctx);
        Json.respond(ctx, 200, admin.changeRole(viewer, ctx.pathParam("username"), Json.string(body, "role"),
                Json.string(body, "reason")).map(MemberAdminApi::json));
    }

    static JsonObject json(MemberAdmin.Listed member) {
        return new JsonObject()
                .put("id", member.id())
                .put("username", member.username())
                .put("displayName", member.displayName())
                .put("role", member.roleKey())
                .put("status", member.statusKey())
                .put("statusUntil", member.status().until() == null ? null : member.status().until().toString())
                .put("statusReason", member.statusKey().equals("active") ? null : member.statusReason())
                .put("joinedAt", member.joinedAt().toString());
    }
}
