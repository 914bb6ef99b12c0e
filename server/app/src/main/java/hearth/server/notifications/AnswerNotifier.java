package hearth.server.notifications;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.events.AnswerAccepted;
import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.server.db.Database;

/**
 * Tells a reply's author when it is accepted as the answer to a question (kind {@code accepted_answer}). Runs after
 * the commit; replaying an entry writes nothing new (the source key is the journal entry), and a mark taken back
 * before the listener got to it is not announced.
 */
public final class AnswerNotifier implements EventListener {

    /** The listener's cursor id in the journal. */
    public static final String ID = "core.notifications.accepted-answers";
    static final String KIND = "accepted_answer";

    private final Database db;
    private final MemberNotifications notifications;

    public AnswerNotifier(Database db, MemberNotifications notifications) {
        this.db = db;
        this.notifications = notifications;
    }

    @Override
    public void on(JournalEntry entry) {
        if (!(entry.event() instanceof AnswerAccepted accepted) || !accepted.accepted()
                || accepted.authorId() == accepted.acceptedBy()) {
            return;
        }
        db.transaction(tx -> {
            var topic = tx.sql().select(TOPICS.TITLE, TOPICS.SLUG, POSTS.POST_NUMBER).from(TOPICS)
                    .join(POSTS).on(POSTS.ID.eq(accepted.postId()))
                    .where(TOPICS.ID.eq(accepted.topicId()), TOPICS.ACCEPTED_POST_ID.eq(accepted.postId()))
                    .fetchOptional();
            boolean authorActive = tx.sql().fetchExists(MEMBERS, MEMBERS.ID.eq(accepted.authorId()),
                    MEMBERS.DELETED_AT.isNull());
            if (topic.isPresent() && authorActive) {
                notifications.notify(tx.sql(), accepted.authorId(), KIND, accepted.acceptedBy(),
                        "accepted your answer in " + topic.get().value1(),
                        "/t/" + topic.get().value2() + "/" + accepted.topicId() + "#post-" + topic.get().value3(),
                        "accepted_answer:" + accepted.postId() + ":" + entry.position());
            }
            return null;
        });
    }
}
