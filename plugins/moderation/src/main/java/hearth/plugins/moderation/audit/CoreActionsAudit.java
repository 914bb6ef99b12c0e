package hearth.plugins.moderation.audit;

import hearth.api.PluginContext;
import hearth.api.data.PluginTransaction;
import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.MemberRoleChanged;
import hearth.api.events.MemberStatusChanged;
import hearth.api.events.PostDeleted;
import hearth.api.events.PostRestored;
import hearth.api.events.TopicClosed;
import hearth.api.events.TopicLocked;
import hearth.api.events.TopicPinned;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.plugins.moderation.AuditLog;
import java.time.Duration;
import java.time.Instant;

/**
 * Audits the moderation actions staff take through the core's own buttons (pin, close, lock on the topic page, a
 * moderator deleting someone's post, role and standing changes in the member admin), from the journal. Actions the
 * plugin takes are audited in their own transaction, with their reason; an event whose action already has an entry
 * (same actor and subject, recorded at the same moment) is skipped, which also makes a repeated delivery harmless.
 */
final class CoreActionsAudit implements EventListener {

    /** The plugin's entry and the core's event come from one transaction: their times differ by milliseconds. */
    private static final Duration SAME_ACTION = Duration.ofSeconds(5);

    private final PluginContext context;
    private final AuditLog audit;

    CoreActionsAudit(PluginContext context, AuditLog audit) {
        this.context = context;
        this.audit = audit;
    }

    @Override
    public void on(JournalEntry entry) {
        Instant at = entry.recordedAt();
        switch (entry.event()) {
            case TopicPinned e -> topic(at, e.moderatorId(), "topic.pin", e.topicId(), "", e.scope());
            case TopicClosed e -> topic(at, e.moderatorId(), e.closed() ? "topic.close" : "topic.open", e.topicId(),
                    e.closed() ? "open" : "closed", e.closed() ? "closed" : "open");
            case TopicLocked e -> topic(at, e.moderatorId(), e.locked() ? "topic.lock" : "topic.unlock", e.topicId(),
                    e.locked() ? "unlocked" : "locked", e.locked() ? "locked" : "unlocked");
            case PostDeleted e -> post(at, e.deletedBy(), "post.delete", e.postId(), "shown", "deleted");
            case PostRestored e -> post(at, e.restoredBy(), "post.restore", e.postId(), "deleted", "shown");
            case MemberRoleChanged e -> member(at, e.byMemberId(), "role", e.memberId(), e.reason(), e.from(), e.to());
            case MemberStatusChanged e -> member(at, e.byMemberId(), "standing", e.memberId(), e.reason(), e.from(),
                    e.until() == null ? e.to() : e.to() + " until " + e.until());
            default -> {
                // Not a moderation action.
            }
        }
    }

    private void topic(Instant at, long actorId, String action, long topicId, String before, String after) {
        long categoryId = context.topics().topic(topicId).map(TopicView::categoryId).orElse(0L);
        write(at, actorId, action, "topic", topicId, categoryId, "", before, after);
    }

    private void post(Instant at, long actorId, String action, long postId, String before, String after) {
        PostView post = context.topics().post(postId).orElse(null);
        if (post == null || post.authorId() == actorId) {
            return; // a post of a conversation, or its author's own change: not moderation
        }
        long categoryId = context.topics().topic(post.topicId()).map(TopicView::categoryId).orElse(0L);
        write(at, actorId, action, "post", postId, categoryId, "", before, after);
    }

    private void member(Instant at, long actorId, String action, long memberId, String reason, String before,
                        String after) {
        if (actorId == 0) {
            return; // the site itself (a served sanction ending, say)
        }
        write(at, actorId, action, "member", memberId, 0, reason, before, after);
    }

    private void write(Instant at, long actorId, String action, String subjectType, long subjectId, long categoryId,
                       String reason, String before, String after) {
        context.database().transaction((PluginTransaction tx) -> {
            if (!audit.audited(tx, actorId, subjectType, subjectId, at, SAME_ACTION)) {
                audit.record(tx, at, actorId, action, subjectType, subjectId, categoryId, reason, before, after);
            }
            return null;
        });
    }
}
