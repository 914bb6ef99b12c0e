package hearth.server.discussions;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.profiles.DisplayPreferences;
import hearth.server.tags.TagMode;
import hearth.server.tags.TagRules;
import hearth.server.tags.Tags;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/** The form that starts a topic, at {@code /new-topic} ({@code ?category=<id>} preselects one). */
public final class NewTopicPage implements Routes {

    private final Database db;
    private final Pages pages;
    private final Posting posting;
    private final Tags tags;
    private final ScheduledTopics scheduled;

    public NewTopicPage(Database db, Pages pages, Posting posting, Tags tags, ScheduledTopics scheduled) {
        this.tags = tags;
        this.db = db;
        this.pages = pages;
        this.posting = posting;
        this.scheduled = scheduled;
    }

    @Override
    public void mount(Router router) {
        router.get("/new-topic").handler(this::form);
        router.post("/new-topic").handler(this::start);
    }

    private void form(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        List<String> category = ctx.queryParam("category");
        Map<String, String> values = Map.of("categoryId", category.isEmpty() ? "" : category.getFirst());
        pages.respond(ctx, "new-topic", db.read(sql -> model(sql, viewer, values)));
    }

    private void start(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Map<String, String> values = new HashMap<>();
        for (String name : List.of("categoryId", "title", "body", "kind", "tags", "publishAt")) {
            values.put(name, Forms.field(ctx, name));
        }
        Instant publishAt;
        try {
            publishAt = scheduled.check(viewer, ScheduledTopics.fromForm(values.get("publishAt"),
                    DisplayPreferences.of(ctx).zone()));
        } catch (InvalidInput invalid) {
            showAgain(ctx, viewer, values, invalid);
            return;
        }
        posting.startTopic(viewer, values.get("categoryId"), values.get("title"), values.get("body"),
                        values.get("kind"), TagRules.fromText(values.get("tags")), publishAt)
                .onSuccess(topic -> Pages.redirect(ctx, topic.location()))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, viewer, values, invalid)));
    }

    private void showAgain(RoutingContext ctx, Viewer viewer, Map<String, String> values, InvalidInput invalid) {
        db.read(sql -> model(sql, viewer, values))
                .onSuccess(model -> pages.showErrors(ctx, "new-topic", model, invalid))
                .onFailure(ctx::fail);
    }

    private Map<String, Object> model(DSLContext sql, Viewer viewer, Map<String, String> values) {
        Map<String, Object> model = new HashMap<>();
        model.put("categories", posting.startable(sql, viewer));
        model.put("values", values);
        model.put("errors", Map.of());
        model.put("kinds", List.of(Map.of("value", "discussion", "label", "A discussion"),
                Map.of("value", "question", "label", "A question (one reply can be accepted as the answer)")));
        if (tags.mode() == TagMode.ADMIN_ONLY) {
            model.put("knownTags", Tags.index(sql, Set.of()));
        }
        posting.whyNoTopic(viewer).ifPresent(reason -> model.put("whyNot", reason));
        return model;
    }
}
