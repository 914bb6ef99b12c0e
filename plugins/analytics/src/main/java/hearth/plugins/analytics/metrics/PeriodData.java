package hearth.plugins.analytics.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the roll-ups hold about one period, read in a few queries; {@link Metrics} computes the dashboard from it.
 *
 * @param period           the period
 * @param daily            per metric (members, topics, posts, replies, likes, flags, resolved, and from the
 *                         request data views and visitors): one count per day
 * @param activePerDay     members active each day
 * @param activeInPeriod   distinct members active in the whole period
 * @param weeklyActive     distinct members active in its last 7 days
 * @param monthlyActive    distinct members active in its last 30 days
 * @param newMembers       the members who joined in it
 * @param newContributors  members whose first post ever falls in it
 * @param topics           the visible topics started in it
 * @param unanswered       the oldest of them nobody else has replied to, at most {@link MetricsReader#UNANSWERED}
 * @param flags            the flags raised in it
 * @param topContributors  the members with the most posts in it, most first
 * @param categories       per category: topics and posts in it
 * @param turnout          the events that started in it (not cancelled), up to now: RSVPs and check-ins
 */
public record PeriodData(Period period, Map<String, long[]> daily, long[] activePerDay, long activeInPeriod,
                         long weeklyActive, long monthlyActive, List<Joined> newMembers, long newContributors,
                         List<Topic> topics, List<Waiting> unanswered, List<Flag> flags, List<Contributor> topContributors,
                         List<CategoryCounts> categories, Turnout turnout) {

    /** A member who joined, and their first post (null: none yet). */
    public record Joined(long memberId, Instant joinedAt, Instant firstPostAt) {
    }

    /** A topic, the first reply by someone else (null: none yet), whether it is a question and has its answer. */
    public record Topic(Instant createdAt, Instant firstReplyAt, boolean question, boolean solved) {
    }

    /** A topic still waiting for a reply from someone else. */
    public record Waiting(long topicId, Instant createdAt) {
    }

    /** A flag, and when it was settled (null: still open). */
    public record Flag(Instant raisedAt, Instant resolvedAt) {
    }

    /** A member and their posts in the period. */
    public record Contributor(long memberId, long posts) {
    }

    /** Events held: how many, members who said they were going, of those how many checked in, and others checked in. */
    public record Turnout(long events, long going, long goingCheckedIn, long checkedIn) {
    }

    /** One category's topics and posts in the period. */
    public record CategoryCounts(long categoryId, long topics, long posts) {
    }
}
