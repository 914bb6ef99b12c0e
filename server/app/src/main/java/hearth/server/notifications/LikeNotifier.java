package hearth.server.notifications;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Notifications.NOTIFICATIONS;
import static hearth.server.db.schema.tables.PostLikes.POST_LIKES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.PostLiked;
import hearth.server.db.Database;

/**
 * Tells a post's author of likes, batched: while the notification for a post is unread, further likes update it
 * ("Ada and 2 others liked your post in ..."), so a popular post does not flood the list. Replaying an entry gives
 * the same result.
 */
public final class LikeNotifier implements EventListener {

    /** The listener's cursor id in the journal. */
    public static final String ID = "core.notifications.likes";
    static final String KIND = "likes";

    private final Database db;
    private final MemberNotifications notifications;

    public LikeNotifier(Database db, MemberNotifications notifications) {
        this.db = db;
        this.notifications = notifications;
    }

    @Override
    public void on(JournalEntry entry) {
        if (!(entry.event() instanceof PostLiked like) || !like.liked() || like.authorId() == like.memberId()) {
            return;
        }
        db.transaction(tx -> {
            var topic = tx.sql().select(TOPICS.TITLE, TOPICS.SLUG, POSTS.POST_NUMBER).from(POSTS)
                    .join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID)).where(POSTS.ID.eq(like.postId())).fetchOptional();
            boolean authorActive = tx.sql().fetchExists(MEMBERS, MEMBERS.ID.eq(like.authorId()),
                    MEMBERS.DELETED_AT.isNull());
            boolean stillLiked = tx.sql().fetchExists(POST_LIKES, POST_LIKES.POST_ID.eq(like.postId()),
                    POST_LIKES.MEMBER_ID.eq(like.memberId()));
            if (topic.isEmpty() || !authorActive || !stillLiked) {
                return null;
            }
            int likes = tx.sql().fetchCount(POST_LIKES, POST_LIKES.POST_ID.eq(like.postId()));
            String title = (likes > 1 ? "and " + (likes - 1) + (likes == 2 ? " other" : " others") + " liked"
                    : "liked") + " your post in " + topic.get().value1();
            String url = "/t/" + topic.get().value2() + "/" + like.topicId() + "#post-" + topic.get().value3();
            int updated = tx.sql().update(NOTIFICATIONS)
                    .set(NOTIFICATIONS.ACTOR_ID, like.memberId())
                    .set(NOTIFICATIONS.TITLE, title)
                    .where(NOTIFICATIONS.MEMBER_ID.eq(like.authorId()), NOTIFICATIONS.KIND.eq(KIND),
                            NOTIFICATIONS.URL.eq(url), NOTIFICATIONS.READ_AT.isNull())
                    .execute();
            if (updated == 0) {
                notifications.notify(tx.sql(), like.authorId(), KIND, like.memberId(), title, url,
                        "likes:" + like.postId() + ":" + entry.position());
            } else {
                notifications.changed(like.authorId());
            }
            return null;
        });
    }
}
