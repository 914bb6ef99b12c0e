package hearth.server.accounts;

import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * A member's data rights as pages: {@code /account/data} explains what the site holds and offers it as a JSON
 * download ({@code /account/data/export}); {@code /account/delete} deletes the account after the member types their
 * username and password.
 */
public final class DataRightsPages implements Routes {

    private final MemberExport export;
    private final AccountDeletion deletion;
    private final Authentication authentication;
    private final Database db;
    private final Pages pages;
    private final Clock clock;

    public DataRightsPages(MemberExport export, AccountDeletion deletion, Authentication authentication, Database db,
                           Pages pages, Clock clock) {
        this.export = export;
        this.deletion = deletion;
        this.authentication = authentication;
        this.db = db;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/account/data").handler(ctx -> {
            Viewer.required(ctx);
            pages.show(ctx, 200, "account-data", Map.of("mode", deletion.mode().key()));
        });
        router.get("/account/data/export").handler(this::download);
        router.get("/account/delete").handler(this::deleteForm);
        router.post("/account/delete").handler(this::delete);
        router.get("/account/deleted").handler(ctx -> pages.show(ctx, 200, "message", Map.of(
                "title", "Your account has been deleted",
                "text", "Thank you for having been part of this community. Your account is gone and you have been "
                        + "logged out everywhere.")));
    }

    private void download(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        db.read(sql -> export.of(sql, viewer.memberId()))
                .onSuccess(json -> sendAttachment(ctx, viewer, json.encodePrettily(), clock))
                .onFailure(ctx::fail);
    }

    /** The export as a file to save, named after the member and the day. */
    static void sendAttachment(RoutingContext ctx, Viewer viewer, String json, Clock clock) {
        // Usernames are letters, digits and _ . - only, so the name needs no quoting rules beyond the quotes.
        String file = "hearth-data-" + viewer.username() + "-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".json";
        ctx.response()
                .setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(json);
    }

    private void deleteForm(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        pages.respond(ctx, "account-delete", deletion.isLastAdmin(viewer).map(last -> model(last, "")));
    }

    private void delete(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        String typed = Forms.field(ctx, "username");
        deletion.delete(viewer, typed, Forms.field(ctx, "password"))
                .onSuccess(mode -> {
                    authentication.clear(ctx);
                    Pages.redirect(ctx, "/account/deleted");
                })
                .onFailure(Pages.formFailure(ctx, invalid -> pages.showErrors(ctx, "account-delete",
                        model(invalid.errors().containsKey("form")
                                && invalid.getMessage().equals(AccountDeletion.LAST_ADMIN), typed), invalid)));
    }

    private Map<String, Object> model(boolean lastAdmin, String typed) {
        Map<String, Object> model = new HashMap<>();
        model.put("mode", deletion.mode().key());
        model.put("lastAdmin", lastAdmin);
        model.put("username", typed);
        return model;
    }
}
