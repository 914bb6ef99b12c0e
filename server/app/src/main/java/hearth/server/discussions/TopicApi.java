package hearth.server.discussions;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.tags.TagPages;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Topics in JSON under {@code /api/v1}: read one a page of posts at a time, start one, reply. Same rules as pages. */
public final class TopicApi implements Routes {

    private final Database db;
    private final TopicReader reader;
    private final Posting posting;

    private final TopicModeration moderation;
    private final ScheduledTopics scheduled;

    public TopicApi(Database db, TopicReader reader, Posting posting, TopicModeration moderation,
                    ScheduledTopics scheduled) {
        this.scheduled = scheduled;
        this.db = db;
        this.reader = reader;
        this.posting = posting;
        this.moderation = moderation;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/topics/:id").handler(this::read);
        router.post("/api/v1/topics").handler(this::start);
        router.post("/api/v1/topics/:id/posts").handler(this::reply);
        router.post("/api/v1/topics/:id/pin").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            String scope = Json.string(Json.body(ctx), "scope");
            Json.respond(ctx, 200, moderation.pin(viewer, Forms.pathId(ctx, "id", "topic"), scope)
                    .compose(done -> db.read(sql -> topic(reader.require(sql, done.id())))));
        });
        router.post("/api/v1/topics/:id/lock").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            Object locked = Json.body(ctx).getValue("locked");
            if (!(locked instanceof Boolean)) {
                throw new InvalidInput("locked", "Say \"locked\": true or false.");
            }
            Json.respond(ctx, 200, moderation.lock(viewer, Forms.pathId(ctx, "id", "topic"), (Boolean) locked)
                    .compose(done -> db.read(sql -> topic(reader.require(sql, done.id())))));
        });
        router.post("/api/v1/topics/:id/close").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            Object closed = Json.body(ctx).getValue("closed");
            if (!(closed instanceof Boolean)) {
                throw new InvalidInput("closed", "Say \"closed\": true or false.");
            }
            Json.respond(ctx, 200, moderation.close(viewer, Forms.pathId(ctx, "id", "topic"), (Boolean) closed)
                    .compose(done -> db.read(sql -> topic(reader.require(sql, done.id())))));
        });
    }

    private void read(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "topic");
        Optional<Viewer> viewer = Viewer.of(ctx);
        List<String> page = ctx.queryParam("page");
        int requested;
        try {
            requested = page.isEmpty() ? 1 : Integer.parseInt(page.getFirst());
        } catch (NumberFormatException e) {
            requested = 1;
        }
        int wanted = requested;
        Json.respond(ctx, 200, db.read(sql -> {
            TopicReader.Topic topic = reader.findAny(sql, id).filter(t -> posting.maySee(sql, viewer, t))
                    .orElseThrow(TopicReader::noSuchTopic);
            boolean moderator = viewer.filter(v -> moderation.mayModerate(v, topic.categoryId())).isPresent();
            if (topic.hidden() && !moderator && viewer.map(v -> v.memberId() != topic.authorId()).orElse(true)) {
                throw TopicReader.noSuchTopic();
            }
            TopicReader.Page posts = reader.page(sql, id, wanted);
            JsonArray list = new JsonArray();
            long viewerId = viewer.map(Viewer::memberId).orElse(0L);
            posts.posts().forEach(p -> list.add(post(p.shownTo(moderator, viewerId))));
            return new JsonObject().put("topic", topic(topic)).put("page", posts.number())
                    .put("pages", posts.count()).put("posts", list);
        }));
    }

    private void start(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        JsonObject body = Json.body(ctx);
        Object category = body.getValue("categoryId");
        Object kind = body.getValue("kind");
        if (kind != null && !(kind instanceof String)) {
            throw new InvalidInput("kind", "Say \"kind\": \"discussion\" or \"question\".");
        }
        Instant publishAt = scheduled.check(viewer, ScheduledTopics.fromApi(body.getValue("publishAt")));
        posting.startTopic(viewer, category == null ? "" : String.valueOf(category), Json.string(body, "title"),
                        Json.string(body, "body"), Json.string(body, "kind"),
                        TagPages.fromJson(body.getValue("tags")), publishAt)
                .compose(started -> db.read(sql -> topic(reader.findAny(sql, started.topicId()).orElseThrow())))
                .onSuccess(json -> Json.send(ctx, 201, json))
                .onFailure(ctx::fail);
    }

    private void reply(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "topic");
        JsonObject body = Json.body(ctx);
        Object replyTo = body.getValue("replyTo");
        if (replyTo != null && !(replyTo instanceof Number)) {
            throw new InvalidInput("replyTo", "replyTo must be the id of a post in this topic.");
        }
        posting.reply(viewer, id, Json.string(body, "body"), replyTo == null ? null : ((Number) replyTo).longValue())
                .compose(saved -> db.read(sql -> post(reader.post(sql, saved.postId()))
                        .put("page", saved.page()).put("url", saved.location()).put("replyTo", replyTo)))
                .onSuccess(json -> Json.send(ctx, 201, json))
                .onFailure(ctx::fail);
    }

    private static JsonObject topic(TopicReader.Topic t) {
        return new JsonObject()
                .put("id", t.id())
                .put("slug", t.slug())
                .put("title", t.title())
                .put("category", t.isPrivate() ? null : new JsonObject().put("id", t.categoryId())
                        .put("name", t.categoryName()).put("slug", t.categorySlug()).put("color", t.categoryColor()))
                .put("private", t.isPrivate())
                .put("publishAt", t.publishAt() == null ? null : t.publishAt().toString())
                .put("authorId", t.authorId())
                .put("replies", t.replies())
                .put("createdAt", t.createdAt().toString())
                .put("pinned", t.pinned())
                .put("closed", t.closed())
                .put("locked", t.locked())
                .put("kind", t.kind())
                .put("acceptedPostId", t.acceptedPostId() == 0 ? null : t.acceptedPostId())
                .put("tags", new JsonArray(t.tags()))
                .put("url", t.path());
    }

    static JsonObject post(TopicReader.Post p) {
        return new JsonObject()
                .put("id", p.id())
                .put("number", p.number())
                .put("author", new JsonObject().put("id", p.authorId()).put("username", p.username())
                        .put("displayName", p.displayName()))
                .put("bodyHtml", p.bodyHtml())
                .put("bodyMarkdown", p.view().markdown())
                .put("createdAt", p.createdAt().toString())
                .put("revisions", p.revisions())
                .put("deleted", p.deleted())
                .put("hidden", p.hidden());
    }
}
