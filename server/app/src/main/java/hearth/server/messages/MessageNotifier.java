package hearth.server.messages;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.TopicParticipants.TOPIC_PARTICIPANTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.MessageSent;
import hearth.server.db.Database;
import hearth.server.notifications.MemberNotifications;

/**
 * Tells a conversation's participants of each new message in it (the opening one and the replies), except its
 * author. A journal listener: after commit, at least once; the source key (post and recipient) writes each once.
 */
public final class MessageNotifier implements EventListener {

    /** The listener's cursor id in the journal. */
    public static final String ID = "core.notifications.messages";
    public static final String KIND = "message";

    private final Database db;
    private final MemberNotifications notifications;

    public MessageNotifier(Database db, MemberNotifications notifications) {
        this.db = db;
        this.notifications = notifications;
    }

    @Override
    public void on(JournalEntry entry) {
        if (!(entry.event() instanceof MessageSent message)) {
            return;
        }
        db.transaction(tx -> {
            var topic = tx.sql().select(TOPICS.TITLE, TOPICS.SLUG).from(TOPICS)
                    .where(TOPICS.ID.eq(message.topicId())).fetchOptional();
            boolean welcome = message.postNumber() == 1 && WelcomeMessages.isWelcome(tx.sql(), message.topicId());
            if (topic.isEmpty() || welcome) {
                return null;
            }
            String title = (message.postNumber() == 1 ? "sent you a message: " : "replied in ") + topic.get().value1();
            String url = "/t/" + topic.get().value2() + "/" + message.topicId() + "#post-" + message.postNumber();
            for (long member : tx.sql().select(TOPIC_PARTICIPANTS.MEMBER_ID).from(TOPIC_PARTICIPANTS)
                    .join(MEMBERS).on(MEMBERS.ID.eq(TOPIC_PARTICIPANTS.MEMBER_ID))
                    .where(TOPIC_PARTICIPANTS.TOPIC_ID.eq(message.topicId()),
                            TOPIC_PARTICIPANTS.MEMBER_ID.ne(message.authorId()), MEMBERS.DELETED_AT.isNull())
                    .fetch(TOPIC_PARTICIPANTS.MEMBER_ID)) {
                notifications.notify(tx.sql(), member, KIND, message.authorId(), title, url,
                        "message:" + message.postId() + ":" + member);
            }
            return null;
        });
    }
}
