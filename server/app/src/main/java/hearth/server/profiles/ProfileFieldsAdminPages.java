package hearth.server.profiles;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.api.errors.InvalidInput;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/** {@code /admin/profile-fields}: admins add, change, reorder and delete custom profile fields. */
public final class ProfileFieldsAdminPages implements Routes {

    private static final String BASE = "/admin/profile-fields";

    private final Database db;
    private final Pages pages;
    private final CustomFields fields;

    public ProfileFieldsAdminPages(Database db, Pages pages, CustomFields fields) {
        this.db = db;
        this.pages = pages;
        this.fields = fields;
    }

    @Override
    public void mount(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::add);
        router.get(BASE + "/:id").handler(this::editForm);
        router.post(BASE + "/:id").handler(this::save);
        router.post(BASE + "/:id/move").handler(this::move);
        router.post(BASE + "/:id/delete").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, "Only admins can do that.");
        pages.respond(ctx, "profile-fields", db.read(sql -> {
            Map<String, Object> model = new HashMap<>();
            model.put("customFields", fields.all(sql));
            model.put("values", Map.of("kind", "text", "visibility", "everyone"));
            return model;
        }));
    }

    private void add(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, "Only admins can do that.");
        Map<String, Object> submitted = submitted(ctx, true);
        db.write(tx -> fields.add(tx, FieldDefinition.parse((String) submitted.get("label"),
                        (String) submitted.get("kind"), (String) submitted.get("options"),
                        (String) submitted.get("visibility"))))
                .onSuccess(field -> Pages.redirect(ctx, BASE))
                .onFailure(failure -> ProfileForms.showErrors(ctx, pages, "profile-fields", failure, () -> db.read(sql -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("customFields", fields.all(sql));
                    model.put("values", submitted);
                    return model;
                })));
    }

    private void editForm(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, "Only admins can do that.");
        long id = Forms.pathId(ctx, "id", "profile field");
        pages.respond(ctx, "profile-field-edit", db.read(sql -> {
            CustomField field = fields.find(sql, id);
            Map<String, Object> values = new HashMap<>();
            values.put("label", field.label());
            values.put("options", field.optionsText());
            values.put("visibility", field.visibilityKey());
            return Map.of("field", field, "values", values);
        }));
    }

    private void save(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, "Only admins can do that.");
        long id = Forms.pathId(ctx, "id", "profile field");
        Map<String, Object> submitted = submitted(ctx, false);
        db.write(tx -> fields.update(tx, id, FieldDefinition.parse((String) submitted.get("label"), null,
                        (String) submitted.get("options"), (String) submitted.get("visibility"))))
                .onSuccess(field -> Pages.redirect(ctx, BASE))
                .onFailure(failure -> ProfileForms.showErrors(ctx, pages, "profile-field-edit", failure,
                        () -> db.read(sql -> Map.of("field", fields.find(sql, id), "values", submitted))));
    }

    private void move(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, "Only admins can do that.");
        long id = Forms.pathId(ctx, "id", "profile field");
        String direction = Forms.field(ctx, "direction");
        if (!direction.equals("up") && !direction.equals("down")) {
            throw new InvalidInput("direction", "Move a field up or down.");
        }
        db.write(tx -> {
            fields.move(tx, id, direction.equals("up"));
            return null;
        }).onSuccess(done -> Pages.redirect(ctx, BASE)).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, "Only admins can do that.");
        long id = Forms.pathId(ctx, "id", "profile field");
        db.write(tx -> {
            fields.delete(tx, id);
            return null;
        }).onSuccess(done -> Pages.redirect(ctx, BASE)).onFailure(ctx::fail);
    }

    private static Map<String, Object> submitted(RoutingContext ctx, boolean withKind) {
        Map<String, Object> values = new HashMap<>();
        values.put("label", Forms.field(ctx, "label"));
        values.put("options", Forms.field(ctx, "options"));
        values.put("visibility", Forms.field(ctx, "visibility"));
        if (withKind) {
            values.put("kind", Forms.field(ctx, "kind"));
        }
        return values;
    }
}
