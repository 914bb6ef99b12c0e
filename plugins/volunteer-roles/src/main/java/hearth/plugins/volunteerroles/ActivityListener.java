package hearth.plugins.volunteerroles;

import hearth.api.PluginContext;
import hearth.api.events.EventCreated;
import hearth.api.events.FlagRaised;
import hearth.api.events.FlagResolved;
import hearth.api.events.JournalEntry;
import hearth.api.events.PostApproved;
import hearth.api.events.PostCreated;
import hearth.api.events.PostHidden;
import hearth.api.events.PostLiked;
import hearth.api.views.MemberView;
import hearth.plugins.volunteerroles.health.ActionLog;
import hearth.plugins.volunteerroles.roles.Grants;
import hearth.plugins.volunteerroles.trust.ActivityLog;
import hearth.plugins.volunteerroles.trust.TrustLevels;
import java.time.Duration;

/**
 * Follows the journal for two things: trust levels (re-checking members as they post, like and are flagged; keeping
 * the flags against them) and volunteer health (what role holders and moderators did). Idempotent: actions are keyed
 * by journal position, flags by id, and re-checking a level twice changes nothing.
 */
final class ActivityListener {

    private final PluginContext context;
    private final TrustLevels levels;
    private final ActivityLog activity;
    private final ActionLog actions;
    private final Grants grants;

    ActivityListener(PluginContext context, TrustLevels levels, ActivityLog activity, ActionLog actions,
                     Grants grants) {
        this.context = context;
        this.levels = levels;
        this.activity = activity;
        this.actions = actions;
        this.grants = grants;
    }

    void on(JournalEntry entry) {
        switch (entry.event()) {
            case PostCreated post -> {
                if (post.postNumber() > 1 && volunteer(post.authorId())) {
                    actions.add(entry.position(), new ActionLog.Action(post.authorId(), ActionLog.REPLY,
                            "post:" + post.postId(), entry.recordedAt(), -1));
                }
                levels.promote(post.authorId());
            }
            case PostLiked like when like.liked() -> {
                levels.promote(like.memberId());
                levels.promote(like.authorId());
            }
            case FlagRaised flag -> activity.flagRaised(flag.flagId(), flag.memberId(), flag.postId(),
                    flag.flaggerId(), entry.recordedAt());
            case FlagResolved resolved -> {
                ActivityLog.Flagged flagged = activity.flagged(resolved.flagId())
                        .orElse(new ActivityLog.Flagged("flag:" + resolved.flagId(), null));
                long waited = flagged.raisedAt() == null ? -1
                        : Duration.between(flagged.raisedAt(), entry.recordedAt()).toSeconds();
                actions.add(entry.position(), new ActionLog.Action(resolved.byMemberId(), ActionLog.REVIEW,
                        flagged.subject(), entry.recordedAt(), waited));
                activity.flagResolved(resolved.flagId(), resolved.outcome().equals("agreed"));
            }
            case PostApproved approved -> actions.add(entry.position(), new ActionLog.Action(approved.byMemberId(),
                    ActionLog.REVIEW, "post:" + approved.postId(), entry.recordedAt(), -1));
            case PostHidden hidden when hidden.byMemberId() != 0 -> actions.add(entry.position(),
                    new ActionLog.Action(hidden.byMemberId(), ActionLog.REVIEW, "post:" + hidden.postId(),
                            entry.recordedAt(), -1));
            case EventCreated event -> actions.add(entry.position(), new ActionLog.Action(event.hostId(),
                    ActionLog.EVENT, "event:" + event.eventId(), entry.recordedAt(), -1));
            default -> {
            }
        }
    }

    private boolean volunteer(long memberId) {
        return grants.holderIds().contains(memberId)
                || context.members().byId(memberId).map(MemberView::isStaff).orElse(false);
    }
}
