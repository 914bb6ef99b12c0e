package hearth.plugins.analytics.rollup;

import hearth.api.events.AnswerAccepted;
import hearth.api.events.AttendeeCheckedIn;
import hearth.api.events.EventCancelled;
import hearth.api.events.EventCreated;
import hearth.api.events.FlagRaised;
import hearth.api.events.FlagResolved;
import hearth.api.events.JournalEntry;
import hearth.api.events.MemberJoined;
import hearth.api.events.MemberRoleChanged;
import hearth.api.events.PostCreated;
import hearth.api.events.PostDeleted;
import hearth.api.events.PostLiked;
import hearth.api.events.RoleGranted;
import hearth.api.events.RsvpChanged;
import hearth.api.events.TopicCreated;
import hearth.api.events.WaitlistPromoted;
import hearth.api.views.TopicView;
import hearth.api.views.Topics;

/** Turns the journal entries the dashboard counts into facts and hands them to the roll-ups. */
public final class JournalFollower {

    /** Site roles that make a member a volunteer, as {@link MemberRoleChanged} names them. */
    private static final java.util.Set<String> STAFF = java.util.Set.of("moderator", "admin");

    private final Rollups rollups;
    private final Topics topics;

    public JournalFollower(Rollups rollups, Topics topics) {
        this.rollups = rollups;
        this.topics = topics;
    }

    public void on(JournalEntry entry) {
        long position = entry.position();
        var at = entry.recordedAt();
        Fact fact = switch (entry.event()) {
            case MemberJoined joined -> new Fact(position, Fact.JOIN, at, joined.memberId(), 0, 0, 0, null);
            case TopicCreated topic -> new Fact(position, Fact.TOPIC, at, topic.authorId(), topic.topicId(),
                    topic.categoryId(), topic.question() ? 1 : 0, null);
            case PostCreated post -> new Fact(position, Fact.POST, at, post.authorId(), post.topicId(),
                    category(post.topicId()), post.postNumber(), null);
            case PostLiked like -> new Fact(position, like.liked() ? Fact.LIKE : Fact.UNLIKE, at, like.memberId(),
                    like.topicId(), 0, like.authorId(), null);
            case FlagRaised flag -> new Fact(position, Fact.FLAG, at, flag.flaggerId(), 0, 0, flag.flagId(), null);
            case FlagResolved resolved -> new Fact(position, Fact.RESOLVE, at, resolved.byMemberId(), 0, 0,
                    resolved.flagId(), null);
            case PostDeleted deleted when deleted.topicHidden() -> new Fact(position, Fact.HIDE, at,
                    deleted.deletedBy(), deleted.topicId(), 0, 0, null);
            case RoleGranted granted -> new Fact(position, Fact.VOLUNTEER, at, granted.memberId(), 0, 0, 0, null);
            case MemberRoleChanged changed when STAFF.contains(changed.to()) -> new Fact(position, Fact.VOLUNTEER,
                    at, changed.memberId(), 0, 0, 0, null);
            case EventCreated event -> new Fact(position, Fact.EVENT, event.startsAt(), event.hostId(), 0,
                    event.categoryId(), event.eventId(), null);
            case EventCancelled cancelled -> new Fact(position, Fact.CANCEL, at, cancelled.cancelledBy(), 0, 0,
                    cancelled.eventId(), null);
            case RsvpChanged rsvp -> new Fact(position, Fact.RSVP, at, rsvp.memberId(), 0, 0, rsvp.eventId(),
                    rsvp.status());
            case WaitlistPromoted promoted -> new Fact(position, Fact.RSVP, at, promoted.memberId(), 0, 0,
                    promoted.eventId(), "going");
            case AttendeeCheckedIn checkedIn -> new Fact(position, Fact.CHECKIN, at, checkedIn.memberId(), 0, 0,
                    checkedIn.eventId(), null);
            case AnswerAccepted answer -> new Fact(position, answer.accepted() ? Fact.ACCEPT : Fact.UNACCEPT, at,
                    answer.acceptedBy(), answer.topicId(), 0, answer.postId(), null);
            default -> null;
        };
        if (fact != null) {
            rollups.record(fact);
        }
    }

    /** Posts count in the category their topic was started in (moving a topic later does not move its counts). */
    private long category(long topicId) {
        long known = rollups.categoryOf(topicId);
        return known != 0 ? known : topics.topic(topicId).map(TopicView::categoryId).orElse(0L);
    }
}
