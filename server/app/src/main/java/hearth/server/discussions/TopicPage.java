package hearth.server.discussions;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.events.TopicEvents;
import hearth.server.db.Database;
import hearth.server.mentions.ReplyComposer;
import hearth.server.questions.AcceptedAnswers;
import hearth.server.tags.TagRules;
import hearth.server.tags.Tags;
import hearth.server.watching.NotificationLevel;
import hearth.server.watching.NotificationLevels;
import hearth.server.web.ClientAddresses;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;

/**
 * A topic's page at {@code /t/<slug>/<id>} (20 posts a page, {@code ?page=N}) with the reply form at the bottom;
 * {@code /t/<id>} and a wrong slug redirect to it. A topic the viewer may not see is a 404, as if it did not exist.
 */
public final class TopicPage implements Routes {

    private final Database db;
    private final Pages pages;
    private final TopicReader reader;
    private final Posting posting;
    private final TopicViews views;
    private final TopicModeration moderation;
    private final ReadState reads;
    private final PostAuthority authority;
    private final Tags tags;
    private final AcceptedAnswers answers;
    private final NotificationLevels levels = new NotificationLevels();

    public TopicPage(Database db, Pages pages, TopicReader reader, Posting posting, TopicViews views,
                     TopicModeration moderation, ReadState reads, PostAuthority authority, Tags tags,
                     AcceptedAnswers answers) {
        this.authority = authority;
        this.tags = tags;
        this.answers = answers;
        this.moderation = moderation;
        this.reads = reads;
        this.db = db;
        this.pages = pages;
        this.reader = reader;
        this.posting = posting;
        this.views = views;
    }

    @Override
    public void mount(Router router) {
        router.get("/t/:id").handler(this::byId);
        router.get("/t/:slug/:id").handler(this::show);
        router.post("/t/:slug/:id/reply").handler(this::reply);
        router.post("/t/:slug/:id/tags").handler(this::retag);
        router.get("/t/:slug/:id/unread").handler(this::firstUnread);
        router.post("/t/:slug/:id/pin").handler(ctx -> moderate(ctx, moderation.pin(Viewer.required(ctx),
                Forms.pathId(ctx, "id", "topic"), Forms.field(ctx, "scope"))));
        router.post("/t/:slug/:id/close").handler(ctx -> moderate(ctx, moderation.close(Viewer.required(ctx),
                Forms.pathId(ctx, "id", "topic"), Forms.checked(ctx, "closed"))));
        router.post("/t/:slug/:id/lock").handler(ctx -> moderate(ctx, moderation.lock(Viewer.required(ctx),
                Forms.pathId(ctx, "id", "topic"), Forms.checked(ctx, "locked"))));
    }

    /** The model of a topic that was merged into another: only where to go. */
    private static final String MERGED_INTO = "mergedInto";

    private void byId(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "topic");
        Optional<Viewer> viewer = Viewer.of(ctx);
        db.read(sql -> visible(sql, viewer, id))
                .onSuccess(topic -> moved(ctx, topic.path() + query(ctx)))
                .onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "topic");
        Optional<Viewer> viewer = Viewer.of(ctx);
        int requested = page(ctx);
        String quoted = ctx.request().getParam("quote");
        String answering = ctx.request().getParam("replyTo");
        String address = ClientAddresses.of(ctx);
        Pages.Lookup cached = pages.fromCache(ctx);
        if (cached.sent()) {
            views.record(id, Optional.empty(), address);
            return;
        }
        db.read(sql -> {
            Optional<TopicReader.Topic> found = reader.findAny(sql, id);
            long mergedInto = found.map(TopicReader.Topic::mergedInto).orElse(0L);
            if (mergedInto != 0) {
                return Map.<String, Object>of(MERGED_INTO, mergedInto);
            }
            TopicReader.Topic topic = visible(sql, viewer, found);
            if (!topic.slug().equals(ctx.pathParam("slug"))) {
                return null;
            }
            Map<String, Object> model = model(sql, viewer, topic, requested);
            // The Quote and Reply links under posts: the reply box opens quoting, or answering, that post.
            ReplyComposer.quote(sql, id, quoted)
                    .ifPresent(quote -> model.put("values", Map.of("body", quote)));
            ReplyComposer.target(sql, id, answering)
                    .ifPresent(target -> model.put("replyTo", target));
            return model;
        }).onSuccess(model -> {
            if (model == null) {
                byId(ctx);
            } else if (model.containsKey(MERGED_INTO)) {
                moved(ctx, "/t/" + model.get(MERGED_INTO));
            } else {
                pages.showShared(ctx, cached, "topic", model);
                views.record(id, viewer.map(Viewer::memberId), address);
                @SuppressWarnings("unchecked")
                List<TopicReader.Post> shown = (List<TopicReader.Post>) model.get("posts");
                if (viewer.isPresent() && !shown.isEmpty()) {
                    reads.seen(viewer.get().memberId(), id, shown.getLast().number());
                }
            }
        }).onFailure(ctx::fail);
    }

    private void reply(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "topic");
        Optional<Viewer> viewer = Viewer.of(ctx);
        if (viewer.isEmpty()) {
            Pages.redirect(ctx, "/login?next=" + URLEncoder.encode("/t/" + ctx.pathParam("slug") + "/" + id,
                    StandardCharsets.UTF_8));
            return;
        }
        String body = Forms.field(ctx, "body");
        String replyTo = Forms.field(ctx, "replyTo");
        Future.succeededFuture(replyTo)
                .map(ReplyComposer::parse)
                .compose(target -> posting.reply(viewer.get(), id, body, target))
                .onSuccess(post -> {
                    if (htmx(ctx)) {
                        showNewPost(ctx, viewer, id, post);
                    } else {
                        Pages.redirect(ctx, post.location());
                    }
                })
                .onFailure(Pages.formFailure(ctx, invalid -> {
                    if (htmx(ctx)) {
                        // The page comes back whole, as without JavaScript; htmx puts only its reply box in place.
                        ctx.response().putHeader("HX-Retarget", "#reply").putHeader("HX-Reselect", "#reply")
                                .putHeader("HX-Reswap", "outerHTML");
                    }
                    showAgain(ctx, viewer, id, Map.of("body", body), replyTo, invalid);
                }));
    }

    /** An inline reply (htmx): just the new post, as it appears on its page, for the page to append. */
    private void showNewPost(RoutingContext ctx, Optional<Viewer> viewer, long id, Posting.NewPost created) {
        db.read(sql -> {
            Map<String, Object> model = model(sql, viewer, visible(sql, viewer, id), created.page());
            @SuppressWarnings("unchecked")
            List<TopicReader.Post> shown = (List<TopicReader.Post>) model.get("posts");
            shown.stream().filter(p -> p.id() == created.postId()).findFirst()
                    .ifPresent(post -> model.put("post", post));
            return model;
        }).onSuccess(model -> {
            if (model.containsKey("post")) {
                pages.show(ctx, 200, "post", model);
            } else { // not shown to its own author (hidden at once): the page says why
                Pages.redirect(ctx, created.location());
            }
        }).onFailure(ctx::fail);
    }

    private static boolean htmx(RoutingContext ctx) {
        return ctx.request().getHeader("HX-Request") != null;
    }

    /** The author or a moderator changes the topic's tags; a refusal shows the page with the message at the form. */
    private void retag(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "topic");
        String typed = Forms.field(ctx, "tags");
        tags.change(viewer, id, TagRules.fromText(typed))
                .onSuccess(now -> Pages.redirect(ctx, "/t/" + ctx.pathParam("slug") + "/" + id))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, Optional.of(viewer), id,
                        Map.of("tags", typed), null, invalid)));
    }

    /** Jumps to the first post the member has not seen (visitors: the first post). */
    private void firstUnread(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "topic");
        Optional<Viewer> viewer = Viewer.of(ctx);
        db.read(sql -> {
            TopicReader.Topic topic = visible(sql, viewer, id);
            int number = viewer.map(v -> reads.firstUnread(sql, v.memberId(), id)).orElse(1);
            return topic.path() + "?page=" + reader.pageOf(sql, id, number) + "#post-" + number;
        }).onSuccess(location -> Pages.redirect(ctx, location)).onFailure(ctx::fail);
    }

    private void moderate(RoutingContext ctx, Future<TopicReader.Topic> done) {
        done.onSuccess(topic -> Pages.redirect(ctx, topic.path())).onFailure(ctx::fail);
    }

    private void showAgain(RoutingContext ctx, Optional<Viewer> viewer, long id, Map<String, String> typed,
                           String replyTo, InvalidInput invalid) {
        db.read(sql -> {
                    Map<String, Object> model = model(sql, viewer, visible(sql, viewer, id), Integer.MAX_VALUE);
                    ReplyComposer.target(sql, id, replyTo).ifPresent(target -> model.put("replyTo", target));
                    return model;
                })
                .onSuccess(model -> {
                    Map<String, Object> values = new HashMap<>(model);
                    values.put("values", typed);
                    pages.showErrors(ctx, "topic", values, invalid);
                })
                .onFailure(ctx::fail);
    }

    private TopicReader.Topic visible(DSLContext sql, Optional<Viewer> viewer, long id) {
        return visible(sql, viewer, reader.findAny(sql, id));
    }

    private TopicReader.Topic visible(DSLContext sql, Optional<Viewer> viewer, Optional<TopicReader.Topic> found) {
        // A deleted (hidden) topic stays in reach of its author, who may restore it, and of moderators.
        return found.filter(topic -> posting.maySee(sql, viewer, topic))
                .filter(topic -> !topic.hidden() || viewer.filter(v -> v.memberId() == topic.authorId()
                        || moderation.mayModerate(v, topic.categoryId())).isPresent())
                .orElseThrow(TopicReader::noSuchTopic);
    }

    private Map<String, Object> model(DSLContext sql, Optional<Viewer> viewer, TopicReader.Topic topic,
                                      int requested) {
        TopicReader.Page page = reader.page(sql, topic.id(), requested);
        // Conversations and scheduled topics have no moderators: staff cannot read a conversation at all.
        boolean publicTopic = !topic.isPrivate() && !topic.scheduled();
        boolean moderator = publicTopic
                && viewer.filter(v -> moderation.mayModerate(v, topic.categoryId())).isPresent();
        long viewerId = viewer.map(Viewer::memberId).orElse(0L);
        List<TopicReader.Post> posts = page.posts().stream().map(p -> p.shownTo(moderator, viewerId)).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("topic", topic);
        model.put("topicView", topic.view());
        if (topic.isPrivate()) {
            model.put("conversation", true); // plugins' slots never see a private conversation
        }
        model.put("posts", posts);
        model.put("changeable", viewer.filter(v -> publicTopic).map(v -> posts.stream()
                .filter(p -> authority.mayChange(v, topic, p.authorId())).map(TopicReader.Post::id)
                .collect(Collectors.toSet())).orElse(Set.of()));
        model.put("editable", viewer.filter(v -> publicTopic).map(v -> authority.alsoEditable(v, topic, posts))
                .orElse(Set.of()));
        List<Long> postIds = page.posts().stream().map(TopicReader.Post::id).toList();
        model.put("likes", Likes.counts(sql, postIds));
        model.put("liked", viewer.map(v -> Likes.likedBy(sql, v.memberId(), postIds)).orElse(Set.of()));
        model.put("bookmarked", viewer.map(v -> Bookmarks.bookmarked(sql, v.memberId(), postIds))
                .orElse(Set.of()));
        model.put("answered", ReplyComposer.answered(sql, postIds));
        viewer.ifPresent(v -> model.put("notificationLevel",
                levels.forTopic(sql, v.memberId(), topic.id(), topic.categoryId()).key()));
        model.put("notificationLevels", NotificationLevel.values());
        model.put("page", page.number());
        model.put("pageCount", page.count());
        model.put("pageNumbers", IntStream.rangeClosed(1, page.count()).boxed().toList());
        model.put("values", Map.of());
        model.put("errors", Map.of());
        viewer.ifPresent(v -> posting.whyNoReply(v, topic)
                .or(() -> topic.locked() && !moderator ? Optional.of(PostAuthority.LOCKED) : Optional.empty())
                .ifPresentOrElse(reason -> model.put("whyNoReply", reason), () -> model.put("mayReply", true)));
        if (moderator) {
            model.put("moderator", true);
        }
        if (publicTopic) {
            TopicEvents.of(sql, topic.id()).ifPresent(event -> model.put("topicEvent", event));
        }
        // Questions: the accepted answer, summarised under the question, and who may choose it; tags: who may edit.
        model.put("acceptedPostId", topic.acceptedPostId());
        if (topic.acceptedPostId() != 0) {
            sql.select(POSTS.POST_NUMBER, MEMBERS.DISPLAY_NAME).from(POSTS).join(MEMBERS)
                    .on(MEMBERS.ID.eq(POSTS.AUTHOR_ID)).where(POSTS.ID.eq(topic.acceptedPostId())).fetchOptional()
                    .ifPresent(r -> model.put("acceptedAnswer", Map.of("displayName", r.value2(), "url",
                            topic.path() + "?page=" + reader.pageOf(sql, topic.id(), r.value1()) + "#post-"
                                    + r.value1())));
        }
        viewer.filter(v -> publicTopic && topic.question()
                        && answers.mayAccept(v, topic.authorId(), topic.categoryId()))
                .ifPresent(v -> model.put("mayAccept", true));
        viewer.filter(v -> publicTopic && tags.mayChange(v, topic.authorId(), topic.categoryId()))
                .ifPresent(v -> model.put("mayTag", true));
        return model;
    }

    private static int page(RoutingContext ctx) {
        List<String> values = ctx.queryParam("page");
        try {
            return values.isEmpty() ? 1 : Integer.parseInt(values.getFirst());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String query(RoutingContext ctx) {
        String query = ctx.request().query();
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    private static void moved(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, location).end();
    }
}
