package hearth.server.tags;

import hearth.api.access.Permissions;
import hearth.api.errors.InvalidInput;
import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.CategoryGrants;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tag index ({@code /tags}, {@code GET /api/v1/tags}: every tag with how many topics the viewer can see carry
 * it) and changing a topic's tags through the API ({@code PUT /api/v1/topics/<id>/tags}). A tag's own topic list
 * is one of the topic lists ({@code /tag/<name>}); the topic page has the form that changes tags.
 */
public final class TagPages implements Routes {

    private final Database db;
    private final Pages pages;
    private final Permissions permissions;
    private final CategoryGrants categories;
    private final Tags tags;

    public TagPages(Database db, Pages pages, Permissions permissions, CategoryGrants categories, Tags tags) {
        this.db = db;
        this.pages = pages;
        this.permissions = permissions;
        this.categories = categories;
        this.tags = tags;
    }

    @Override
    public void mount(Router router) {
        router.get("/tags").handler(ctx -> {
            Optional<MemberView> viewer = Viewer.of(ctx).map(Viewer::asMemberView);
            pages.respond(ctx, "tags", db.read(sql -> Map.of("tags",
                    Tags.index(sql, categories.visibleTo(sql, permissions, viewer)), "mode", tags.mode().key())));
        });
        router.get("/api/v1/tags").handler(ctx -> {
            Optional<MemberView> viewer = Viewer.of(ctx).map(Viewer::asMemberView);
            Json.respond(ctx, 200, db.read(sql -> Tags.index(sql, categories.visibleTo(sql, permissions, viewer)))
                    .map(index -> new JsonObject().put("mode", tags.mode().key()).put("tags", new JsonArray(
                            index.stream().map(t -> new JsonObject().put("name", t.name())
                                    .put("description", t.description()).put("topics", t.topics())
                                    .put("url", t.url())).toList()))));
        });
        router.put("/api/v1/topics/:id/tags").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            long topicId = Forms.pathId(ctx, "id", "topic");
            List<String> names = fromJson(Json.body(ctx).getValue("tags"));
            Json.respond(ctx, 200, tags.change(viewer, topicId, names).map(now -> new JsonObject()
                    .put("topicId", topicId).put("tags", new JsonArray(now))));
        });
    }

    /** A JSON body's {@code "tags"}: absent means none; anything but a list of strings is a 400. */
    public static List<String> fromJson(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidInput("tags", "Send \"tags\" as a list of tag names, e.g. [\"tomatoes\", \"pests\"].");
        }
        List<String> names = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String name)) {
                throw new InvalidInput("tags", "Each tag must be a name in quotes.");
            }
            names.add(name);
        }
        return names;
    }
}
