package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;

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

/**
 * A post's edit form ({@code /p/<id>/edit}), its history ({@code /p/<id>/revisions}) and the delete and restore
 * buttons under it. Every change goes back to the post on its topic page.
 */
public final class PostEditPages implements Routes {

    private final Database db;
    private final Pages pages;
    private final TopicReader reader;
    private final PostAuthority authority;
    private final PostEditing editing;
    private final PostDeletion deletion;
    private final PostRevisions revisions;

    public PostEditPages(Database db, Pages pages, TopicReader reader, PostAuthority authority, PostEditing editing,
                         PostDeletion deletion, PostRevisions revisions) {
        this.db = db;
        this.pages = pages;
        this.reader = reader;
        this.authority = authority;
        this.editing = editing;
        this.deletion = deletion;
        this.revisions = revisions;
    }

    @Override
    public void mount(Router router) {
        router.get("/p/:id/edit").handler(this::form);
        router.post("/p/:id/edit").handler(this::save);
        router.post("/p/:id/delete").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            deletion.delete(viewer, Forms.pathId(ctx, "id", "post"))
                    .compose(changed -> db.read(sql -> changed.topicHidden() ? "/" : location(sql, changed.postId())))
                    .onSuccess(location -> Pages.redirect(ctx, location)).onFailure(ctx::fail);
        });
        router.post("/p/:id/restore").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            deletion.restore(viewer, Forms.pathId(ctx, "id", "post"))
                    .compose(changed -> db.read(sql -> location(sql, changed.postId())))
                    .onSuccess(location -> Pages.redirect(ctx, location)).onFailure(ctx::fail);
        });
        router.get("/p/:id/revisions").handler(ctx -> {
            long postId = Forms.pathId(ctx, "id", "post");
            Optional<Viewer> viewer = Viewer.of(ctx);
            pages.respond(ctx, "post-revisions", db.read(sql -> Map.of("history",
                    revisions.history(sql, viewer, postId))));
        });
    }

    private void form(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long postId = Forms.pathId(ctx, "id", "post");
        db.read(sql -> {
            PostAuthority.Target target = authority.target(sql, viewer, postId, false);
            authority.mayEdit(viewer, target, false, false);
            PostAuthority.notDeleted(target);
            Map<String, Object> values = new HashMap<>();
            values.put("body", target.markdown());
            values.put("title", target.topic().title());
            values.put("categoryId", String.valueOf(target.topic().categoryId()));
            values.put("reason", "");
            return model(sql, viewer, target, values);
        }).onSuccess(model -> pages.show(ctx, 200, "post-edit", model)).onFailure(ctx::fail);
    }

    private void save(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long postId = Forms.pathId(ctx, "id", "post");
        String body = Forms.field(ctx, "body");
        // Only the opening post's form has a title field (and a category field, for those who may move it).
        String title = ctx.request().getFormAttribute("title");
        String category = ctx.request().getFormAttribute("categoryId");
        String reason = Forms.field(ctx, "reason");
        Long categoryId;
        try {
            categoryId = category == null || category.isBlank() ? null : Long.valueOf(category.strip());
        } catch (NumberFormatException e) {
            categoryId = -1L; // no such category: refused next to the field
        }
        editing.edit(viewer, postId, body, title, categoryId, reason)
                .compose(edited -> db.read(sql -> location(sql, edited.postId())))
                .onSuccess(location -> Pages.redirect(ctx, location))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, viewer, postId, body, title, category,
                        reason, invalid)));
    }

    private void showAgain(RoutingContext ctx, Viewer viewer, long postId, String body, String title,
                           String category, String reason, InvalidInput invalid) {
        db.read(sql -> {
            Map<String, Object> values = new HashMap<>();
            values.put("body", body);
            values.put("title", title == null ? "" : title);
            values.put("categoryId", category == null ? "" : category);
            values.put("reason", reason);
            return model(sql, viewer, authority.target(sql, viewer, postId, false), values);
        }).onSuccess(model -> pages.showErrors(ctx, "post-edit", model, invalid)).onFailure(ctx::fail);
    }

    private Map<String, Object> model(org.jooq.DSLContext sql, Viewer viewer, PostAuthority.Target target,
                                      Map<String, Object> values) {
        Map<String, Object> model = new HashMap<>();
        model.put("postId", target.postId());
        model.put("opening", target.number() == 1);
        model.put("categories", target.number() == 1 && authority.movesIn(viewer, target.topic().categoryId())
                ? sql.select(CATEGORIES.ID, CATEGORIES.NAME).from(CATEGORIES)
                .orderBy(CATEGORIES.POSITION, CATEGORIES.ID).fetch().stream()
                .filter(c -> authority.movesIn(viewer, c.value1()))
                .map(c -> Map.of("value", String.valueOf(c.value1()), "label", c.value2())).toList()
                : List.of());
        model.put("topic", target.topic());
        model.put("location", location(sql, target.postId()));
        model.put("values", values);
        model.put("errors", Map.of());
        return model;
    }

    private String location(org.jooq.DSLContext sql, long postId) {
        TopicReader.Post post = reader.post(sql, postId);
        TopicReader.Topic topic = reader.require(sql, post.view().topicId());
        return topic.path() + "?page=" + reader.pageOf(sql, topic.id(), post.number()) + "#post-" + post.number();
    }
}
