package hearth.server.notifications;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.PostCreated;
import hearth.server.db.Database;

/**
 * Tells a topic's author when someone replies to it. A journal listener: it runs after the reply is committed, and
 * seeing the same entry twice writes one notification (the source key is the post).
 */
public final class ReplyNotifier implements EventListener {

    /** The listener's cursor id in the journal. */
    public static final String ID = "core.notifications.replies";
    static final String KIND = "replies";

    private final Database db;
    private final MemberNotifications notifications;

    public ReplyNotifier(Database db, MemberNotifications notifications) {
        this.db = db;
        this.notifications = notifications;
    }

    @Override
    public void on(JournalEntry entry) {
        if (!(entry.event() instanceof PostCreated post) || post.postNumber() == 1) {
            return;
        }
        db.transaction(tx -> {
            var topic = tx.sql().select(TOPICS.AUTHOR_ID, TOPICS.TITLE, TOPICS.SLUG).from(TOPICS)
                    .where(TOPICS.ID.eq(post.topicId())).fetchOptional();
            boolean authorActive = topic.isPresent() && tx.sql().fetchExists(MEMBERS,
                    MEMBERS.ID.eq(topic.get().value1()), MEMBERS.DELETED_AT.isNull());
            if (authorActive && topic.get().value1() != post.authorId()) {
                notifications.notify(tx.sql(), topic.get().value1(), KIND, post.authorId(),
                        "replied to " + topic.get().value2(),
                        "/t/" + topic.get().value3() + "/" + post.topicId() + "#post-" + post.postNumber(),
                        "reply:" + post.postId());
            }
            return null;
        });
    }
}
