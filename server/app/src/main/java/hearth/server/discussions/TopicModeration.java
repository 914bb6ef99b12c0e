package hearth.server.discussions;

import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.events.TopicClosed;
import hearth.api.events.TopicLocked;
import hearth.api.events.TopicPinned;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * What moderators do to a topic: pin it (first in its category, or first everywhere) or unpin it; close it to new
 * replies or open it again; lock (archive) it or unlock it. Needs {@code discussions.moderate} in the topic's category; each change is journaled.
 */
public final class TopicModeration {

    private static final Set<String> PIN_SCOPES = Set.of("none", "category", "site");

    private final Database db;
    private final TopicReader reader;
    private final Permissions permissions;
    private final Clock clock;

    public TopicModeration(Database db, TopicReader reader, Permissions permissions, Clock clock) {
        this.db = db;
        this.reader = reader;
        this.permissions = permissions;
        this.clock = clock;
    }

    public boolean mayModerate(Viewer viewer, long categoryId) {
        return permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.MODERATE,
                Scope.category(categoryId));
    }

    public Future<TopicReader.Topic> pin(Viewer viewer, long topicId, String scope) {
        if (!PIN_SCOPES.contains(scope)) {
            throw new InvalidInput("scope", "Pin to none, category or site.");
        }
        return db.write(tx -> {
            TopicReader.Topic topic = moderated(tx.sql(), viewer, topicId);
            tx.sql().update(TOPICS).set(TOPICS.PINNED, scope).where(TOPICS.ID.eq(topicId)).execute();
            tx.record(new TopicPinned(topicId, scope, viewer.memberId()));
            return topic;
        });
    }

    public Future<TopicReader.Topic> close(Viewer viewer, long topicId, boolean closed) {
        return db.write(tx -> {
            TopicReader.Topic topic = moderated(tx.sql(), viewer, topicId);
            tx.sql().update(TOPICS).set(TOPICS.CLOSED_AT, closed ? clock.instant() : null)
                    .where(TOPICS.ID.eq(topicId)).execute();
            tx.record(new TopicClosed(topicId, closed, viewer.memberId()));
            return topic;
        });
    }

    /** Locks (archives) a topic so only moderators may still write in it, or unlocks it. */
    public Future<TopicReader.Topic> lock(Viewer viewer, long topicId, boolean locked) {
        return db.write(tx -> {
            TopicReader.Topic topic = moderated(tx.sql(), viewer, topicId);
            tx.sql().update(TOPICS).set(TOPICS.LOCKED_AT, locked ? clock.instant() : null)
                    .where(TOPICS.ID.eq(topicId)).execute();
            tx.record(new TopicLocked(topicId, locked, viewer.memberId()));
            return topic;
        });
    }

    private TopicReader.Topic moderated(org.jooq.DSLContext sql, Viewer viewer, long topicId) {
        TopicReader.Topic topic = reader.require(sql, topicId);
        if (!permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.SEE,
                Scope.category(topic.categoryId()))) {
            throw TopicReader.noSuchTopic();
        }
        if (!mayModerate(viewer, topic.categoryId())) {
            throw new Forbidden("Only moderators can pin, close or lock topics.");
        }
        return topic;
    }
}
