package hearth.server.notifications;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.PostCreated;
import hearth.server.db.Database;
import hearth.server.mentions.PostRecipients;

/**
 * Tells members about a new post: the author of the post or topic it answers, the members it mentions or quotes,
 * and those watching it ({@link PostRecipients} decides who, once each). A journal listener: it runs after the post
 * is committed, and seeing the same entry twice writes nothing twice (source keys name the post).
 */
public final class ReplyNotifier implements EventListener {

    /** The listener's cursor id in the journal. */
    public static final String ID = "core.notifications.replies";
    static final String KIND = "replies";

    private final Database db;
    private final PostRecipients recipients;

    public ReplyNotifier(Database db, PostRecipients recipients) {
        this.db = db;
        this.recipients = recipients;
    }

    @Override
    public void on(JournalEntry entry) {
        if (!(entry.event() instanceof PostCreated post)) {
            return;
        }
        db.transaction(tx -> {
            recipients.notify(tx.sql(), post);
            return null;
        });
    }
}
