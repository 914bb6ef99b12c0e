package hearth.server.accounts;

import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.api.errors.NotFound;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** {@code /admin/invites} for admins, and {@code /invite/{code}}, where an invited person signs up. */
public final class InvitePages implements Routes {

    private final Invites invites;
    private final Database db;
    private final Pages pages;
    private final URI baseUrl;

    public InvitePages(Invites invites, Database db, Pages pages, URI baseUrl) {
        this.invites = invites;
        this.db = db;
        this.pages = pages;
        this.baseUrl = baseUrl;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/invites").handler(ctx -> {
            requireAdmin(ctx);
            list(ctx, Map.of(), 200);
        });
        router.post("/admin/invites").handler(this::create);
        router.post("/admin/invites/:id/revoke").handler(this::revoke);
        router.get("/invite/:code").handler(this::open);
    }

    private void list(RoutingContext ctx, Map<String, Object> extra, int status) {
        db.read(invites::recent).onSuccess(list -> {
            Map<String, Object> model = new HashMap<>(extra);
            model.put("invites", list);
            pages.show(ctx, status, "admin-invites", model);
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Viewer viewer = requireAdmin(ctx);
        String note = Forms.field(ctx, "note").strip();
        int days = number(Forms.field(ctx, "days"), 7);
        int maxUses = number(Forms.field(ctx, "maxUses"), 1);
        db.write(tx -> invites.create(tx, viewer.memberId(), note, days, maxUses))
                .onSuccess(code -> list(ctx, Map.of("created", baseUrl + "/invite/" + code), 200))
                .onFailure(Pages.formFailure(ctx, invalid ->
                        list(ctx, Map.of("errors", invalid.errors(), "note", note), 400)));
    }

    private void revoke(RoutingContext ctx) {
        requireAdmin(ctx);
        long id = Forms.pathId(ctx, "id", "invite");
        db.write(tx -> invites.revoke(tx, id)).onSuccess(revoked -> {
            if (revoked) {
                Pages.redirect(ctx, "/admin/invites");
            } else {
                ctx.fail(new NotFound("That invite does not exist or is already revoked."));
            }
        }).onFailure(ctx::fail);
    }

    private void open(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        db.read(sql -> invites.isUsable(sql, code)).onSuccess(usable -> {
            if (usable) {
                pages.show(ctx, 200, "signup", Map.of("invite", code));
            } else {
                pages.show(ctx, 400, "message", Map.of("title", "This invite does not work any more",
                        "text", "It has expired, been revoked or been used up. Ask the person who sent it for a new one."));
            }
        }).onFailure(ctx::fail);
    }

    private static Viewer requireAdmin(RoutingContext ctx) {
        return Viewer.requiredAdmin(ctx, "Only admins can manage invites.");
    }

    /** A number from the form; anything else becomes -1, which the rules then refuse with a message. */
    private static int number(String raw, int fallback) {
        if (raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
