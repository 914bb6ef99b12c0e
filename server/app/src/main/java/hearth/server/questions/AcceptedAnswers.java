package hearth.server.questions;

import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.events.AnswerAccepted;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.DiscussionPermissions;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;

/**
 * A question's accepted answer: the person who asked, or a moderator of its category, marks one reply (never the
 * question itself) as the answer, or clears the mark. Marking another reply moves the mark. Each real change is
 * journaled as {@link AnswerAccepted}; repeating a request changes nothing.
 */
public final class AcceptedAnswers {

    /** The topic's accepted answer after a change: {@code acceptedPostId} 0 when there is none. */
    public record Outcome(long topicId, long postId, long acceptedPostId) {
    }

    private final Database db;
    private final Permissions permissions;

    public AcceptedAnswers(Database db, Permissions permissions) {
        this.db = db;
        this.permissions = permissions;
    }

    /** Whether the viewer may accept answers in a topic by {@code authorId} in {@code categoryId}. */
    public boolean mayAccept(Viewer viewer, long authorId, long categoryId) {
        return viewer.memberId() == authorId || permissions.allows(Optional.of(viewer.asMemberView()),
                DiscussionPermissions.MODERATE, Scope.category(categoryId));
    }

    /** Marks the post as its question's answer ({@code accept}) or clears the mark if it is this post's. */
    public Future<Outcome> set(Viewer viewer, long postId, boolean accept) {
        return db.write(tx -> {
            var post = tx.sql().select(POSTS.TOPIC_ID, POSTS.POST_NUMBER, POSTS.AUTHOR_ID).from(POSTS)
                    .where(POSTS.ID.eq(postId)).fetchOptional()
                    .orElseThrow(AcceptedAnswers::noSuchPost);
            long topicId = post.value1();
            // Locked: two people accepting different replies at once end with one answer and two events in order.
            var topic = tx.sql().select(TOPICS.AUTHOR_ID, TOPICS.CATEGORY_ID, TOPICS.KIND, TOPICS.ACCEPTED_POST_ID)
                    .from(TOPICS).where(TOPICS.ID.eq(topicId)).forUpdate().fetchSingle();
            if (topic.value2() == null || !permissions.allows(Optional.of(viewer.asMemberView()),
                    DiscussionPermissions.SEE, Scope.category(topic.value2()))) {
                throw noSuchPost();
            }
            if (!mayAccept(viewer, topic.value1(), topic.value2())) {
                throw new Forbidden("Only the person who asked the question, or a moderator, can choose its answer.");
            }
            if (!TopicKind.QUESTION.key().equals(topic.value3())) {
                throw new InvalidInput("post", "This topic is a discussion, not a question: it has no accepted "
                        + "answer.");
            }
            if (post.value2() == 1) {
                throw new InvalidInput("post", "The question itself cannot be its answer: accept one of the replies.");
            }
            Long current = topic.value4();
            boolean isCurrent = Objects.equals(current, postId);
            if (accept == isCurrent) {
                return new Outcome(topicId, postId, current == null ? 0 : current);
            }
            Long now = accept ? postId : null;
            tx.sql().update(TOPICS).set(TOPICS.ACCEPTED_POST_ID, now).where(TOPICS.ID.eq(topicId)).execute();
            tx.record(new AnswerAccepted(topicId, postId, post.value3(), viewer.memberId(), accept));
            return new Outcome(topicId, postId, now == null ? 0 : now);
        });
    }

    private static NotFound noSuchPost() {
        return new NotFound("There is no such post.");
    }
}
