package hearth.plugins.analytics.metrics;

import hearth.plugins.analytics.rollup.DaySummary;
import hearth.plugins.analytics.rollup.Tally;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the roll-ups hold about one period, read in a few queries; {@link Metrics} computes the dashboard from it.
 *
 * @param period          the period
 * @param daily           per metric (members, activated, contributors, topics, posts, replies, likes, flags,
 *                        resolved, and from the request data views and visitors): one count per day
 * @param activePerDay    members active each day
 * @param activeInPeriod  distinct members active in the whole period
 * @param weeklyActive    distinct members active in its last 7 days
 * @param monthlyActive   distinct members active in its last 30 days
 * @param topics          the visible topics started in it, and what became of them
 * @param responseMinutes of those answered: minutes waited for the first reply by someone else → topics
 * @param resolveMinutes  of the flags raised in it and settled: minutes to settle → flags
 * @param unanswered      the oldest visible topics started in it nobody else has replied to, at most
 *                        {@link MetricsReader#UNANSWERED} (empty when only the totals were read)
 * @param topContributors the members with the most posts in it, most first (empty when only the totals were read)
 * @param categories      per category: topics and posts in it (empty when only the totals were read)
 * @param turnout         the events that started in it (not cancelled), up to now: RSVPs and check-ins
 */
public record PeriodData(Period period, Map<String, long[]> daily, long[] activePerDay, long activeInPeriod,
                         long weeklyActive, long monthlyActive, DaySummary.Topics topics, Tally responseMinutes,
                         Tally resolveMinutes, List<Waiting> unanswered, List<Contributor> topContributors,
                         List<CategoryCounts> categories, Turnout turnout) {

    /** A topic still waiting for a reply from someone else. */
    public record Waiting(long topicId, Instant createdAt) {
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
