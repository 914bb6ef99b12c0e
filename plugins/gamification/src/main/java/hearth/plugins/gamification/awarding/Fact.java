package hearth.plugins.gamification.awarding;

import hearth.api.events.AnswerAccepted;
import hearth.api.events.AttendeeCheckedIn;
import hearth.api.events.EventCreated;
import hearth.api.events.FlagResolved;
import hearth.api.events.JournalEntry;
import hearth.api.events.MemberJoined;
import hearth.api.events.MemberVisited;
import hearth.api.events.PostApproved;
import hearth.api.events.PostCreated;
import hearth.api.events.PostDeleted;
import hearth.api.events.PostHidden;
import hearth.api.events.PostLiked;
import hearth.api.events.PostRestored;
import hearth.api.events.TopicCreated;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One journal entry that matters for points, reduced to plain fields: what awarding reads, live and in a replay.
 *
 * @param memberId   who acted (the author, the liker, the visitor...)
 * @param otherId    the other member involved (the liked post's author, who accepted an answer); else 0
 * @param targetId   the post, event or flag; else 0
 * @param number     a post's number in its topic; for a visit, the day (epoch day) it was on in the site's time zone
 * @param yes        a like (not a withdrawal), an answer marked (not cleared), a flag agreed with (not rejected)
 */
public record Fact(long position, Instant at, Kind kind, long memberId, long otherId, long targetId, long topicId,
                   long categoryId, int number, boolean yes) {

    /** The kinds of entries awarding follows. */
    public enum Kind { JOINED, TOPIC, POST, LIKE, ANSWER, DELETED, HIDDEN, RESTORED, VISIT, EVENT, ATTENDED, FLAG }

    /** The fact in a journal entry, if it matters for points. */
    public static Optional<Fact> of(JournalEntry entry) {
        long p = entry.position();
        Instant at = entry.recordedAt();
        return Optional.ofNullable(switch (entry.event()) {
            case MemberJoined e -> new Fact(p, at, Kind.JOINED, e.memberId(), 0, 0, 0, 0, 0, true);
            case TopicCreated e -> new Fact(p, at, Kind.TOPIC, e.authorId(), 0, 0, e.topicId(), e.categoryId(), 0,
                    true);
            case PostCreated e -> new Fact(p, at, Kind.POST, e.authorId(), 0, e.postId(), e.topicId(), 0,
                    e.postNumber(), true);
            case PostLiked e -> new Fact(p, at, Kind.LIKE, e.memberId(), e.authorId(), e.postId(), e.topicId(), 0, 0,
                    e.liked());
            case AnswerAccepted e -> new Fact(p, at, Kind.ANSWER, e.authorId(), e.acceptedBy(), e.postId(),
                    e.topicId(), 0, 0, e.accepted());
            case PostDeleted e -> new Fact(p, at, Kind.DELETED, 0, 0, e.postId(), e.topicId(), 0, 0, true);
            case PostHidden e when !e.held() -> new Fact(p, at, Kind.HIDDEN, e.authorId(), 0, e.postId(),
                    e.topicId(), 0, 0, true);
            case PostRestored e -> new Fact(p, at, Kind.RESTORED, 0, 0, e.postId(), e.topicId(), 0, 0, true);
            case PostApproved e when !e.wasHeld() -> new Fact(p, at, Kind.RESTORED, e.authorId(), 0, e.postId(),
                    e.topicId(), 0, 0, true);
            case MemberVisited e -> new Fact(p, at, Kind.VISIT, e.memberId(), 0, 0, 0, 0,
                    (int) LocalDate.parse(e.day()).toEpochDay(), true);
            case EventCreated e -> new Fact(p, at, Kind.EVENT, e.hostId(), 0, e.eventId(), e.topicId(),
                    e.categoryId(), 0, true);
            case AttendeeCheckedIn e -> new Fact(p, at, Kind.ATTENDED, e.memberId(), 0, e.eventId(), 0, 0, 0, true);
            case FlagResolved e -> new Fact(p, at, Kind.FLAG, e.flaggerId(), e.byMemberId(), e.flagId(), 0, 0, 0,
                    e.outcome().equals("agreed"));
            default -> null;
        });
    }
}
