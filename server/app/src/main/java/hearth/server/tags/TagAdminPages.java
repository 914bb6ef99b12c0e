package hearth.server.tags;

import hearth.api.access.Permissions;
import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.CategoryGrants;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/tags}, for admins only: create tags, describe, rename and delete them, and choose whether members
 * may create tags while posting. A refused change shows the page again with the message next to the field.
 */
public final class TagAdminPages implements Routes {

    private static final String REFUSAL = "Only admins can manage tags.";

    private final Database db;
    private final Pages pages;
    private final Permissions permissions;
    private final CategoryGrants categories;
    private final Tags tags;

    public TagAdminPages(Database db, Pages pages, Permissions permissions, CategoryGrants categories, Tags tags) {
        this.db = db;
        this.pages = pages;
        this.permissions = permissions;
        this.categories = categories;
        this.tags = tags;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/tags").handler(ctx -> {
            Viewer admin = Viewer.requiredAdmin(ctx, REFUSAL);
            pages.respond(ctx, "admin-tags", model(admin, Map.of(), 0, "1".equals(ctx.request().getParam("saved"))));
        });
        router.post("/admin/tags").handler(ctx -> {
            Viewer admin = Viewer.requiredAdmin(ctx, REFUSAL);
            Map<String, String> values = Map.of("name", Forms.field(ctx, "name"),
                    "description", Forms.field(ctx, "description"));
            done(ctx, admin, values, 0, tags.create(values.get("name"), values.get("description")).mapEmpty());
        });
        router.post("/admin/tags/mode").handler(ctx -> {
            Viewer admin = Viewer.requiredAdmin(ctx, REFUSAL);
            Future<Void> saving;
            try {
                saving = tags.setMode(TagMode.parse("mode", Forms.field(ctx, "mode")));
            } catch (InvalidInput invalid) {
                saving = Future.failedFuture(invalid);
            }
            done(ctx, admin, Map.of(), 0, saving);
        });
        router.post("/admin/tags/:id").handler(ctx -> {
            Viewer admin = Viewer.requiredAdmin(ctx, REFUSAL);
            long id = Forms.pathId(ctx, "id", "tag");
            Map<String, String> values = Map.of("name", Forms.field(ctx, "name"),
                    "description", Forms.field(ctx, "description"));
            done(ctx, admin, values, id, tags.update(id, values.get("name"), values.get("description")));
        });
        router.post("/admin/tags/:id/delete").handler(ctx -> {
            Viewer admin = Viewer.requiredAdmin(ctx, REFUSAL);
            done(ctx, admin, Map.of(), 0, tags.delete(Forms.pathId(ctx, "id", "tag")));
        });
    }

    /** Back to the list after a change; a refused one shows the page again, the input kept in the form it came from. */
    private void done(RoutingContext ctx, Viewer admin, Map<String, String> values, long editing, Future<Void> change) {
        change.onSuccess(ok -> Pages.redirect(ctx, "/admin/tags?saved=1"))
                .onFailure(Pages.formFailure(ctx, invalid -> model(admin, values, editing, false)
                        .onSuccess(model -> pages.showErrors(ctx, "admin-tags", model, invalid))
                        .onFailure(ctx::fail)));
    }

    /** {@code editing}: the tag whose row shows {@code values} and the errors; 0 for the new-tag form. */
    private Future<Map<String, Object>> model(Viewer admin, Map<String, String> values, long editing, boolean saved) {
        return db.read(sql -> {
            Map<String, Object> model = new HashMap<>();
            model.put("tags", Tags.index(sql, categories.visibleTo(sql, permissions,
                    Optional.of(admin.asMemberView()))));
            model.put("mode", tags.mode().key());
            model.put("values", editing == 0 ? values : Map.of());
            model.put("editing", editing);
            model.put("editValues", editing == 0 ? Map.of() : values);
            model.put("errors", Map.of());
            model.put("saved", saved);
            return model;
        });
    }
}
