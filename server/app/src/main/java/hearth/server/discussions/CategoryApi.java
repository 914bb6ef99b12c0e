package hearth.server.discussions;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.Categories.Category;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Categories as JSON: everyone lists the ones they may see; admins manage them under {@code /api/v1/admin}. */
public final class CategoryApi implements Routes {

    private static final String REFUSAL = "Only admins can manage categories.";

    private final Database db;
    private final Categories categories;
    private final Permissions permissions;

    public CategoryApi(Database db, Categories categories, Permissions permissions) {
        this.db = db;
        this.categories = categories;
        this.permissions = permissions;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/categories").handler(this::list);
        router.post("/api/v1/admin/categories").handler(ctx -> {
            admin(ctx);
            CategoryForm form = CategoryForm.parse(field(Json.body(ctx)));
            Json.respond(ctx, 201, db.write(tx -> categories.create(tx, form))
                    .compose(id -> db.read(sql -> json(categories.find(sql, id), true))));
        });
        router.put("/api/v1/admin/categories/:id").handler(ctx -> {
            admin(ctx);
            long id = Forms.pathId(ctx, "id", "category");
            CategoryForm form = CategoryForm.parse(field(Json.body(ctx)));
            Json.respond(ctx, 200, db.write(tx -> {
                categories.update(tx, id, form);
                return json(categories.find(tx.sql(), id), true);
            }));
        });
        router.post("/api/v1/admin/categories/:id/move").handler(ctx -> {
            admin(ctx);
            long id = Forms.pathId(ctx, "id", "category");
            String direction = Json.string(Json.body(ctx), "direction");
            if (!direction.equals("up") && !direction.equals("down")) {
                throw new InvalidInput("direction", "Say \"up\" or \"down\".");
            }
            Json.respond(ctx, 200, db.write(tx -> {
                categories.move(tx, id, direction.equals("up"));
                return json(categories.find(tx.sql(), id), true);
            }));
        });
        router.delete("/api/v1/admin/categories/:id").handler(ctx -> {
            admin(ctx);
            long id = Forms.pathId(ctx, "id", "category");
            Optional<Long> moveTo;
            try {
                String target = ctx.request().getParam("moveTo");
                moveTo = target == null || target.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(target));
            } catch (NumberFormatException e) {
                throw new InvalidInput("moveTo", "moveTo must be a category id.");
            }
            db.write(tx -> {
                categories.delete(tx, id, moveTo);
                return id;
            }).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
        });
    }

    private void list(RoutingContext ctx) {
        Optional<Viewer> viewer = Viewer.of(ctx);
        boolean admin = viewer.filter(v -> v.role() == hearth.server.accounts.Members.Role.ADMIN).isPresent();
        Json.respond(ctx, 200, db.read(categories::all).map(all -> new JsonObject().put("categories", new JsonArray(
                all.stream().filter(c -> permissions.allows(viewer.map(Viewer::asMemberView),
                                DiscussionPermissions.SEE, Scope.category(c.id())))
                        .map(c -> json(c, admin)).toList()))));
    }

    static JsonObject json(Category category, boolean withAudiences) {
        JsonObject out = new JsonObject()
                .put("id", category.id())
                .put("parentId", category.parentId() == 0 ? null : category.parentId())
                .put("slug", category.slug())
                .put("name", category.name())
                .put("description", category.description())
                .put("color", category.color())
                .put("position", category.position())
                .put("topics", category.topics());
        if (withAudiences) {
            out.put("see", category.see().key()).put("startTopic", category.startTopic().key())
                    .put("reply", category.reply().key());
        }
        return out;
    }

    /** Reads a JSON body the way the form is read: numbers and strings as typed, absent as empty. */
    private static java.util.function.Function<String, String> field(JsonObject body) {
        return name -> {
            Object value = body.getValue(name);
            return value == null ? "" : String.valueOf(value);
        };
    }

    private static void admin(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, REFUSAL);
    }
}
