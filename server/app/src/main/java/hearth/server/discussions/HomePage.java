package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The front page: the categories and the latest topics. */
public final class HomePage implements Routes {

    /** A category as listed on the front page. */
    public record CategoryRow(String slug, String name, String description, String color, int topics) {
    }

    /** A topic as listed on the front page. */
    public record TopicRow(long id, String slug, String title, String category, String categoryColor, String author,
                           int replies, Instant lastPostedAt) {
    }

    private static final int LATEST = 30;

    private final Database db;
    private final Pages pages;
    private final Permissions permissions;
    private final CategoryGrants categories;

    public HomePage(Database db, Pages pages, Permissions permissions, CategoryGrants categories) {
        this.db = db;
        this.pages = pages;
        this.permissions = permissions;
        this.categories = categories;
    }

    @Override
    public void mount(Router router) {
        router.get("/").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        Optional<MemberView> viewer = Viewer.of(ctx).map(Viewer::asMemberView);
        Set<Long> visible = categories.categoryIds().stream()
                .filter(id -> permissions.allows(viewer, DiscussionPermissions.SEE, Scope.category(id)))
                .collect(Collectors.toSet());
        pages.respond(ctx, "home", db.read(sql -> load(sql, visible)));
    }

    /** The categories and latest topics among those the viewer may see. */
    private Map<String, Object> load(DSLContext sql, Set<Long> visible) {
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
        List<TopicRow> latest = sql
                .select(TOPICS.ID, TOPICS.SLUG, TOPICS.TITLE, CATEGORIES.NAME, CATEGORIES.COLOR, MEMBERS.DISPLAY_NAME,
                        TOPICS.REPLY_COUNT, TOPICS.LAST_POSTED_AT)
                .from(TOPICS)
                .join(CATEGORIES).on(CATEGORIES.ID.eq(TOPICS.CATEGORY_ID))
                .join(MEMBERS).on(MEMBERS.ID.eq(TOPICS.AUTHOR_ID))
                .where(TOPICS.CATEGORY_ID.in(visible))
                .orderBy(TOPICS.LAST_POSTED_AT.desc(), TOPICS.ID.desc())
                .limit(LATEST)
                .fetch(r -> new TopicRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()));
        return Map.of("categories", categories, "topics", latest);
    }
}
