package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The front page: the categories and the latest topics. */
public final class HomePage implements Routes {

    /** A category as listed on the front page. */
    public record CategoryRow(String slug, String name, String description, String color, int topics) {
    }


    private final Database db;
    private final Pages pages;
    private final Permissions permissions;
    private final CategoryGrants categories;
    private final TopicLists lists;
    private final ReadState reads;
    private final hearth.server.watching.NotificationLevels levels = new hearth.server.watching.NotificationLevels();

    public HomePage(Database db, Pages pages, Permissions permissions, CategoryGrants categories, TopicLists lists,
                    ReadState reads) {
        this.reads = reads;
        this.db = db;
        this.pages = pages;
        this.permissions = permissions;
        this.categories = categories;
        this.lists = lists;
    }

    @Override
    public void mount(Router router) {
        router.get("/").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        Optional<Viewer> signedIn = Viewer.of(ctx);
        Optional<MemberView> viewer = signedIn.map(Viewer::asMemberView);
        pages.respondShared(ctx, "home", () -> db.read(sql -> {
            Map<String, Object> model = new java.util.HashMap<>(load(sql, categories.visibleTo(sql, permissions,
                    viewer), signedIn.map(v -> levels.notMutedBy(v.memberId())).orElse(DSL.noCondition())));
            @SuppressWarnings("unchecked")
            List<TopicLists.TopicRow> rows = (List<TopicLists.TopicRow>) model.get("topics");
            signedIn.ifPresent(v -> model.put("marks", reads.marks(sql, v.memberId(), v.joinedAt(), rows)));
            model.put("liveSince", TopicLists.newestTopicId(sql));
            return model;
        }));
    }

    /** The categories and latest topics among those the viewer may see. */
    private Map<String, Object> load(DSLContext sql, Set<Long> visible, org.jooq.Condition notMuted) {
        var topicCount = DSL.count(TOPICS.ID);
        List<CategoryRow> categories = sql
                .select(CATEGORIES.SLUG, CATEGORIES.NAME, CATEGORIES.DESCRIPTION, CATEGORIES.COLOR, topicCount)
                .from(CATEGORIES)
                .leftJoin(TOPICS).on(TOPICS.CATEGORY_ID.eq(CATEGORIES.ID))
                .where(CATEGORIES.PARENT_ID.isNull(), CATEGORIES.ID.in(visible))
                .groupBy(CATEGORIES.ID, CATEGORIES.SLUG, CATEGORIES.NAME, CATEGORIES.DESCRIPTION, CATEGORIES.COLOR,
                        CATEGORIES.POSITION)
                .orderBy(CATEGORIES.POSITION, CATEGORIES.ID)
                .fetch(r -> new CategoryRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
        TopicLists.Page latest = lists.list(sql, new TopicLists.Query(TopicLists.Order.LATEST,
                TopicLists.Period.ALL, 0, visible, Optional.empty(), TopicListPages.PER_PAGE), notMuted);
        return Map.of("categories", categories, "topics", latest.topics(), "next", latest.next().orElse(""));
    }
}
