package hearth.server.watching;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.web.RateLimiter;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A member choosing their notification level for a topic or a category they may see. A topic or category they may
 * not see is a 404, as everywhere. Changes are rate limited per member: cheap, but each is a write.
 */
public final class Watching {

    static final int CHANGES_PER_MINUTE = 30;

    /** Where a change was made: the topic's or the category's page address. */
    public record Changed(String path, NotificationLevel level) {
    }

    private final Database db;
    private final NotificationLevels levels;
    private final Permissions permissions;
    private final Clock clock;
    private final RateLimiter changes;

    public Watching(Database db, NotificationLevels levels, Permissions permissions, Clock clock) {
        this.db = db;
        this.levels = levels;
        this.permissions = permissions;
        this.clock = clock;
        this.changes = new RateLimiter(CHANGES_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    public Future<Changed> setForTopic(Viewer viewer, long topicId, String rawLevel) {
        NotificationLevel level;
        try {
            level = NotificationLevel.parse(rawLevel);
            paced(viewer);
        } catch (InvalidInput invalid) {
            return Future.failedFuture(invalid);
        }
        return db.write(tx -> {
            var topic = tx.sql().select(TOPICS.CATEGORY_ID, TOPICS.SLUG).from(TOPICS).where(TOPICS.ID.eq(topicId))
                    .fetchOptional().filter(t -> t.value1() != null && sees(viewer, t.value1()))
                    .orElseThrow(() -> new NotFound("There is no such topic. It may have been moved or deleted."));
            levels.setForTopic(tx.sql(), viewer.memberId(), topicId, level, clock.instant());
            return new Changed("/t/" + topic.value2() + "/" + topicId, level);
        });
    }

    public Future<Changed> setForCategory(Viewer viewer, long categoryId, String rawLevel) {
        NotificationLevel level;
        try {
            level = NotificationLevel.parse(rawLevel);
            paced(viewer);
        } catch (InvalidInput invalid) {
            return Future.failedFuture(invalid);
        }
        return db.write(tx -> {
            String slug = category(tx.sql(), viewer, categoryId);
            levels.setForCategory(tx.sql(), viewer.memberId(), categoryId, level, clock.instant());
            return new Changed("/c/" + slug, level);
        });
    }

    /** The id of the category with this slug, if the viewer may see it. */
    public Optional<Long> categoryBySlug(DSLContext sql, Viewer viewer, String slug) {
        return sql.select(CATEGORIES.ID).from(CATEGORIES).where(CATEGORIES.SLUG.eq(slug))
                .fetchOptional(CATEGORIES.ID).filter(id -> sees(viewer, id));
    }

    private String category(DSLContext sql, Viewer viewer, long categoryId) {
        return sql.select(CATEGORIES.SLUG).from(CATEGORIES).where(CATEGORIES.ID.eq(categoryId))
                .fetchOptional(CATEGORIES.SLUG).filter(slug -> sees(viewer, categoryId))
                .orElseThrow(() -> new NotFound("There is no such category."));
    }

    private void paced(Viewer viewer) {
        if (!changes.tryAcquire("member:" + viewer.memberId())) {
            throw new InvalidInput("level", "You are changing notification levels very quickly: please wait a "
                    + "minute.");
        }
    }

    private boolean sees(Viewer viewer, long categoryId) {
        return permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.SEE,
                Scope.category(categoryId));
    }
}
