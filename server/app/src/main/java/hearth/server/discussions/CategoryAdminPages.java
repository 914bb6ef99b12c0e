package hearth.server.discussions;

import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /admin/categories}: create, edit, reorder and delete categories and say who may use them. */
public final class CategoryAdminPages implements Routes {

    private static final String REFUSAL = "Only admins can manage categories.";
    private static final List<String> FIELDS = List.of("name", "description", "color", "parentId", "see",
            "startTopic", "reply");

    private final Database db;
    private final Categories categories;
    private final Pages pages;

    public CategoryAdminPages(Database db, Categories categories, Pages pages) {
        this.db = db;
        this.categories = categories;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/categories").handler(ctx -> {
            admin(ctx);
            showList(ctx, 200, Map.of("values", Map.of("color", "#5b6ee1")));
        });
        router.post("/admin/categories").handler(this::create);
        router.get("/admin/categories/:id").handler(ctx -> {
            admin(ctx);
            showOne(ctx, 200, Map.of());
        });
        router.post("/admin/categories/:id").handler(this::update);
        router.post("/admin/categories/:id/move").handler(this::move);
        router.post("/admin/categories/:id/delete").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        admin(ctx);
        Map<String, String> typed = typed(ctx);
        db.write(tx -> categories.create(tx, CategoryForm.parse(typed::get)))
                .onSuccess(id -> Pages.redirect(ctx, "/admin/categories?done=created"))
                .onFailure(Pages.formFailure(ctx, invalid -> showList(ctx, 400,
                        Map.of("values", typed, "errors", invalid.errors()))));
    }

    private void update(RoutingContext ctx) {
        admin(ctx);
        long id = Forms.pathId(ctx, "id", "category");
        Map<String, String> typed = typed(ctx);
        db.write(tx -> {
            categories.update(tx, id, CategoryForm.parse(typed::get));
            return id;
        }).onSuccess(done -> Pages.redirect(ctx, "/admin/categories/" + id + "?done=saved"))
                .onFailure(Pages.formFailure(ctx, invalid -> showOne(ctx, 400,
                        Map.of("values", typed, "errors", invalid.errors()))));
    }

    private void move(RoutingContext ctx) {
        admin(ctx);
        long id = Forms.pathId(ctx, "id", "category");
        boolean up = "up".equals(Forms.field(ctx, "direction"));
        db.write(tx -> {
            categories.move(tx, id, up);
            return id;
        }).onSuccess(done -> Pages.redirect(ctx, "/admin/categories")).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        admin(ctx);
        long id = Forms.pathId(ctx, "id", "category");
        String target = Forms.field(ctx, "moveTo").strip();
        Optional<Long> moveTo;
        try {
            moveTo = target.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(target));
        } catch (NumberFormatException e) {
            showOne(ctx, 400, Map.of("errors", Map.of("moveTo", "Choose a category from the list.")));
            return;
        }
        db.write(tx -> {
            categories.delete(tx, id, moveTo);
            return id;
        }).onSuccess(done -> Pages.redirect(ctx, "/admin/categories?done=deleted"))
                .onFailure(failure -> {
                    switch (failure) {
                        case InvalidInput invalid -> showOne(ctx, 400, Map.of("errors", invalid.errors()));
                        case Conflict refused -> showOne(ctx, 409, Map.of("refusal", refused.getMessage()));
                        default -> ctx.fail(failure);
                    }
                });
    }

    private void showList(RoutingContext ctx, int status, Map<String, ?> extra) {
        db.read(categories::all).onSuccess(all -> {
            Map<String, Object> model = new HashMap<>(extra);
            model.put("categories", all);
            model.put("audiences", Audience.values());
            model.put("done", done(ctx));
            pages.show(ctx, status, "admin-categories", model);
        }).onFailure(ctx::fail);
    }

    private void showOne(RoutingContext ctx, int status, Map<String, ?> extra) {
        long id = Forms.pathId(ctx, "id", "category");
        db.read(sql -> Map.of("category", categories.find(sql, id), "categories", categories.all(sql)))
                .onSuccess(found -> {
                    Map<String, Object> model = new HashMap<>(extra);
                    model.putAll(found);
                    model.put("audiences", Audience.values());
                    model.put("done", done(ctx));
                    pages.show(ctx, status, "admin-category", model);
                }).onFailure(ctx::fail);
    }

    private static String done(RoutingContext ctx) {
        String done = ctx.request().getParam("done");
        return done == null ? "" : done;
    }

    private static Map<String, String> typed(RoutingContext ctx) {
        Map<String, String> typed = new HashMap<>();
        FIELDS.forEach(field -> typed.put(field, Forms.field(ctx, field)));
        return typed;
    }

    private static void admin(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, REFUSAL);
    }
}
