package hearth.server.live;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.discussions.TopicReader;
import hearth.server.web.ClientAddresses;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event streams pages connect to (Server-Sent Events, for htmx's SSE extension):
 * {@code /live/t/<id>?after=<n>} (event {@code post}: each new post of the topic above number n),
 * {@code /live/topics?since=<topic id>&category=<id>} (event {@code new-topics}: how many topics the viewer may see
 * were started since the page showed topic ids up to {@code since}) and {@code /live/me} (only the badge). Every
 * stream of a signed-in member also carries event {@code badge}, the unread notifications fragment, so a page needs
 * one connection. Access is checked when connecting and again for each event.
 */
public final class LivePages implements Routes {

    /** Posts and topics to catch up on when connecting: what a page missed while it loaded, not a history. */
    private static final int CATCH_UP = 50;

    private final Database db;
    private final Pages pages;
    private final Permissions permissions;
    private final LiveHub hub;

    public LivePages(Database db, Pages pages, Permissions permissions, LiveHub hub) {
        this.db = db;
        this.pages = pages;
        this.permissions = permissions;
        this.hub = hub;
    }

    @Override
    public void mount(Router router) {
        router.get("/live/t/:id").handler(this::topic);
        router.get("/live/topics").handler(this::topics);
        router.get("/live/me").handler(this::me);
    }

    private void topic(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "topic");
        int after = (int) Math.min(Integer.MAX_VALUE, number(ctx, "after"));
        Optional<Viewer> viewer = Viewer.of(ctx);
        String slot = reserve(ctx, viewer);
        if (slot == null) {
            return;
        }
        TopicReader reader = hub.reader();
        db.read(sql -> reader.find(sql, id)
                        .filter(topic -> maySee(viewer, topic.categoryId()))
                        .orElseThrow(() -> new NotFound("There is no such topic. It may have been moved or deleted.")))
                .onFailure(failure -> refuse(ctx, slot, failure))
                .onSuccess(topic -> {
                    LiveStream stream = open(ctx, viewer, slot, new LiveStream.Topic(id, topic.categoryId()), after);
                    if (stream != null) {
                        // Posts written between rendering the page and connecting would otherwise never show.
                        db.read(sql -> sql.select(POSTS.ID).from(POSTS)
                                        .where(POSTS.TOPIC_ID.eq(id), POSTS.POST_NUMBER.gt(after))
                                        .orderBy(POSTS.POST_NUMBER).limit(CATCH_UP)
                                        .fetch(POSTS.ID).stream().map(post -> reader.post(sql, post)).toList())
                                .onSuccess(missed -> hub.fragmentsWork(() -> missed.forEach(post ->
                                        hub.sendPost(List.of(stream), topic, post))));
                    }
                });
    }

    private void topics(RoutingContext ctx) {
        long since = number(ctx, "since");
        long category = number(ctx, "category");
        Optional<Viewer> viewer = Viewer.of(ctx);
        String slot = reserve(ctx, viewer);
        if (slot == null) {
            return;
        }
        db.read(sql -> {
            if (category != 0 && !(maySee(viewer, category)
                    && sql.fetchExists(CATEGORIES, CATEGORIES.ID.eq(category)))) {
                throw new NotFound("There is no such category.");
            }
            return true;
        }).onFailure(failure -> refuse(ctx, slot, failure)).onSuccess(ok -> {
            LiveStream stream = open(ctx, viewer, slot, new LiveStream.Topics(category), 0);
            if (stream != null && ctx.request().getParam("since") != null) {
                // Topics started between rendering the page and connecting count too.
                db.read(sql -> sql.select(TOPICS.ID, TOPICS.CATEGORY_ID).from(TOPICS)
                                .where(TOPICS.ID.gt(since), TOPICS.CATEGORY_ID.isNotNull(), category == 0 ? org.jooq.impl.DSL.noCondition()
                                        : TOPICS.CATEGORY_ID.eq(category))
                                .orderBy(TOPICS.ID).limit(CATCH_UP).fetch())
                        .onSuccess(missed -> {
                            Map<Integer, String> banners = new HashMap<>();
                            hub.fragmentsWork(() -> missed.forEach(row ->
                                    hub.countNewTopic(stream, row.value1(), row.value2(), banners)));
                        });
            }
        });
    }

    private void me(RoutingContext ctx) {
        Optional<Viewer> viewer = Optional.of(Viewer.required(ctx));
        String slot = reserve(ctx, viewer);
        if (slot != null) {
            open(ctx, viewer, slot, new LiveStream.Nothing(), 0);
        }
    }

    /** The viewer's stream slot, or null after answering 429 when they hold all they may. */
    private String reserve(RoutingContext ctx, Optional<Viewer> viewer) {
        String key = viewer.map(v -> "member:" + v.memberId())
                .orElseGet(() -> "address:" + ClientAddresses.of(ctx));
        if (hub.reserve(key)) {
            return key;
        }
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "30");
        ctx.fail(429);
        return null;
    }

    private void refuse(RoutingContext ctx, String slot, Throwable failure) {
        hub.release(slot);
        ctx.fail(failure);
    }

    /** Answers with an open event stream registered in the hub; null (slot released) if the hub is closing. */
    private LiveStream open(RoutingContext ctx, Optional<Viewer> viewer, String slot, LiveStream.Watch watch,
                            int shownPost) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            hub.release(slot);
            return null;
        }
        Map<String, Object> globals = Map.copyOf(pages.globals(ctx));
        LiveStream stream = new LiveStream(response, Vertx.currentContext(), viewer, globals, slot, watch, shownPost);
        if (globals.get("unreadNotifications") instanceof Integer unread) {
            stream.badgeChanged(unread); // the page shows this count already
        }
        if (!hub.add(stream)) {
            hub.release(slot);
            ctx.fail(503);
            return null;
        }
        response.closeHandler(closed -> hub.remove(stream));
        response.endHandler(ended -> hub.remove(stream));
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-transform")
                // Compressing or buffering would hold events back: Vert.x skips compression for "identity", and
                // nginx stops buffering on this header.
                .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
                .putHeader("X-Accel-Buffering", "no")
                .write("retry: 5000\n: connected\n\n");
        return stream;
    }

    private boolean maySee(Optional<Viewer> viewer, long categoryId) {
        return permissions.allows(viewer.map(Viewer::asMemberView), DiscussionPermissions.SEE,
                Scope.category(categoryId));
    }

    /** A non-negative whole-number query parameter, 0 when absent. */
    private static long number(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInput(name, name + " must be a whole number of 0 or more.");
    }
}
