package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.TopicLists.Order;
import hearth.server.discussions.TopicLists.Period;
import hearth.server.discussions.TopicLists.Query;
import hearth.server.tags.Tags;
import hearth.server.watching.NotificationLevel;
import hearth.server.watching.NotificationLevels;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topic lists as pages ({@code /latest}, {@code /top}, {@code /unanswered}, {@code /c/<slug>}, a tag's
 * {@code /tag/<name>}) and as JSON ({@code GET /api/v1/topics}, {@code ?tag=<name>}). Only categories the viewer may
 * see are listed.
 */
public final class TopicListPages implements Routes {

    static final int PER_PAGE = 30;
    private static final int MAX_LIMIT = 100;

    private final Database db;
    private final Pages pages;
    private final Permissions permissions;
    private final CategoryGrants categories;
    private final TopicLists lists;
    private final ReadState reads;
    private final NotificationLevels levels = new NotificationLevels();

    public TopicListPages(Database db, Pages pages, Permissions permissions, CategoryGrants categories,
                          TopicLists lists, ReadState reads) {
        this.reads = reads;
        this.db = db;
        this.pages = pages;
        this.permissions = permissions;
        this.categories = categories;
        this.lists = lists;
    }

    @Override
    public void mount(Router router) {
        router.get("/latest").handler(ctx -> show(ctx, Order.LATEST, 0, null, null));
        router.get("/top").handler(ctx -> show(ctx, Order.TOP, 0, null, null));
        router.get("/unanswered").handler(ctx -> show(ctx, Order.UNANSWERED, 0, null, null));
        router.get("/c/:slug").handler(this::category);
        router.get("/tag/:name").handler(this::tag);
        router.get("/api/v1/topics").handler(this::api);
    }

    private void category(RoutingContext ctx) {
        Optional<MemberView> viewer = viewer(ctx);
        db.read(sql -> sql.select(CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.DESCRIPTION, CATEGORIES.COLOR)
                        .from(CATEGORIES).where(CATEGORIES.SLUG.eq(ctx.pathParam("slug"))).fetchOptional())
                .onSuccess(found -> {
                    var category = found.filter(r -> permissions.allows(viewer, DiscussionPermissions.SEE,
                            Scope.category(r.value1()))).orElse(null);
                    if (category == null) {
                        ctx.fail(new NotFound("There is no such category."));
                        return;
                    }
                    show(ctx, Order.parse(param(ctx, "order", "latest")), category.value1(),
                            Map.of("id", category.value1(), "name", category.value2(),
                                    "description", category.value3(), "color", category.value4(),
                                    "slug", ctx.pathParam("slug")), null);
                }).onFailure(ctx::fail);
    }

    /** A tag's topics: every tag has a list, even before it is used; an unknown name is a 404. */
    private void tag(RoutingContext ctx) {
        Order order = Order.parse(param(ctx, "order", "latest"));
        db.read(sql -> Tags.find(sql, ctx.pathParam("name")).orElseThrow(TopicListPages::noSuchTag))
                .onSuccess(tag -> show(ctx, order, 0, null, tag))
                .onFailure(ctx::fail);
    }

    private static NotFound noSuchTag() {
        return new NotFound("There is no such tag.");
    }

    private void show(RoutingContext ctx, Order order, long category, Map<String, Object> header, Tags.Tag tag) {
        Period period = Period.parse(param(ctx, "period", "week"));
        Optional<Viewer> signedIn = Viewer.of(ctx);
        Optional<MemberView> viewer = viewer(ctx);
        Optional<String> cursor = cursor(ctx);
        Map<String, Object> categoryHeader = header == null ? null : new HashMap<>(header);
        pages.respondShared(ctx, "topics", () -> db.read(sql -> {
            TopicLists.Page page = lists.list(sql, new Query(order, period, category,
                    categories.visibleTo(sql, permissions, viewer), cursor, PER_PAGE, tag == null ? 0 : tag.id()),
                    notMuted(signedIn, category));
            if (categoryHeader != null && signedIn.isPresent()) {
                categoryHeader.put("notificationLevel", levels.chosenForCategory(sql, signedIn.get().memberId(),
                        category).orElse(NotificationLevel.NORMAL).key());
            }
            long newest = TopicLists.newestTopicId(sql);
            return Map.entry(Map.entry(page, newest),
                    signedIn.map(v -> reads.marks(sql, v.memberId(), v.joinedAt(), page.topics())));
        }).map(found -> {
            TopicLists.Page page = found.getKey().getKey();
            Map<String, Object> model = new HashMap<>();
            model.put("liveSince", found.getKey().getValue());
            found.getValue().ifPresent(marks -> model.put("marks", marks));
            model.put("topics", page.topics());
            model.put("next", page.next().orElse(""));
            model.put("order", order.key());
            model.put("period", period.key());
            model.put("periods", Period.values());
            if (categoryHeader != null) {
                model.put("category", categoryHeader);
                model.put("notificationLevels", NotificationLevel.values());
            }
            if (tag != null) {
                model.put("tag", tag);
            }
            return model;
        }));
    }

    private void api(RoutingContext ctx) {
        Order order = Order.parse(param(ctx, "order", "latest"));
        Period period = Period.parse(param(ctx, "period", "week"));
        int limit;
        long category;
        try {
            limit = Integer.parseInt(param(ctx, "limit", String.valueOf(PER_PAGE)));
            category = Long.parseLong(param(ctx, "category", "0"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit", "limit and category must be whole numbers.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "Ask for 1 to " + MAX_LIMIT + " topics.");
        }
        Optional<MemberView> viewer = viewer(ctx);
        Optional<String> cursor = cursor(ctx);
        String tagName = param(ctx, "tag", "");
        Json.respond(ctx, 200, db.read(sql -> {
            Set<Long> visible = categories.visibleTo(sql, permissions, viewer);
            if (category != 0 && !visible.contains(category)) {
                throw new NotFound("There is no such category.");
            }
            long tag = tagName.isEmpty() ? 0 : Tags.find(sql, tagName).orElseThrow(TopicListPages::noSuchTag).id();
            return lists.list(sql, new Query(order, period, category, visible, cursor, limit, tag),
                    notMuted(Viewer.of(ctx), category));
        }).map(page -> new JsonObject()
                .put("topics", new JsonArray(page.topics().stream().map(t -> new JsonObject()
                        .put("id", t.id()).put("title", t.title()).put("url", t.url())
                        .put("categoryId", t.categoryId()).put("category", t.category())
                        .put("author", t.author()).put("replies", t.replies()).put("views", t.views())
                        .put("lastPostedAt", t.lastPostedAt().toString()).put("pinned", t.pinned())
                        .put("kind", t.kind()).put("solved", t.solved()).put("tags", new JsonArray(t.tags())))
                        .toList()))
                .put("next", page.next().orElse(null))));
    }

    /** Site-wide lists leave out what the member muted; a category's own list still shows all of it. */
    private org.jooq.Condition notMuted(Optional<Viewer> signedIn, long category) {
        return category == 0 && signedIn.isPresent() ? levels.notMutedBy(signedIn.get().memberId())
                : org.jooq.impl.DSL.noCondition();
    }

    private static Optional<MemberView> viewer(RoutingContext ctx) {
        return Viewer.of(ctx).map(Viewer::asMemberView);
    }

    private static Optional<String> cursor(RoutingContext ctx) {
        String cursor = ctx.request().getParam("cursor");
        return cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(cursor);
    }

    private static String param(RoutingContext ctx, String name, String fallback) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
