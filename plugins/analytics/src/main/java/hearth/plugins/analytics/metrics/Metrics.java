package hearth.plugins.analytics.metrics;

import hearth.plugins.analytics.rollup.DaySummary;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The dashboard's numbers from one period's roll-ups: pure arithmetic, no I/O, so each can be checked by hand.
 * Rates are percentages with one decimal; medians and the 90th percentile are nearest-rank (the value at rank
 * ⌈p·n⌉ of the sorted values), in minutes. A member is activated by posting within
 * {@link hearth.plugins.analytics.rollup.Rollups#ACTIVATION} of joining, a topic answered in time by a reply from
 * someone else within {@link hearth.plugins.analytics.rollup.ClosedDays#RESPONSE}. Visitors are summed over days:
 * visitor ids change every day, so one person on three days counts three times.
 */
public final class Metrics {

    private Metrics() {
    }

    /** The headline numbers of a period. */
    public record Summary(String from, String to, int days, double dau, long wau, long mau, double stickiness,
                          long activeMembers, long newMembers, long activated, double activationRate,
                          long newContributors, long topics, long posts, long replies, long likes,
                          double topicsPerDay, double postsPerDay, double likesPerDay, long answeredInTime,
                          double responseRate, Long medianFirstResponseMinutes, Long p90FirstResponseMinutes,
                          long unanswered, long flags, double flagsPerDay, long flagsResolved,
                          Long medianResolveMinutes, long pageViews, double pageViewsPerDay, long visitors,
                          long events, long rsvpsGoing, long attended, double noShowRate, long questions,
                          long questionsSolved, double solvedRate) {
    }

    public static Summary summarise(PeriodData data) {
        int days = data.period().days();
        double dau = round(LongStream.of(data.activePerDay()).sum() / (double) days, 2);
        long joined = total(data, "members");
        long activated = total(data, "activated");
        DaySummary.Topics topics = data.topics();
        long posts = total(data, "posts");
        long likes = total(data, "likes");
        long flags = total(data, "flags");
        return new Summary(data.period().from().toString(), data.period().to().toString(), days, dau,
                data.weeklyActive(), data.monthlyActive(),
                data.monthlyActive() == 0 ? 0 : round(100 * dau / data.monthlyActive(), 1),
                data.activeInPeriod(), joined, activated, percent(activated, joined),
                total(data, "contributors"), total(data, "topics"), posts, total(data, "replies"), likes,
                round(total(data, "topics") / (double) days, 2), round(posts / (double) days, 2),
                round(likes / (double) days, 2), topics.inTime(), percent(topics.inTime(), topics.started()),
                data.responseMinutes().rank(0.5), data.responseMinutes().rank(0.9),
                topics.started() - topics.answered(), flags,
                round(flags / (double) days, 2), total(data, "resolved"), data.resolveMinutes().rank(0.5),
                total(data, "views"), round(total(data, "views") / (double) days, 2), total(data, "visitors"),
                data.turnout().events(), data.turnout().going(), data.turnout().checkedIn(),
                percent(data.turnout().going() - data.turnout().goingCheckedIn(), data.turnout().going()),
                topics.questions(), topics.solved(), percent(topics.solved(), topics.questions()));
    }

    /** The change from {@code before} to {@code now} in percent (one decimal); null when there was nothing before. */
    public static Double change(double before, double now) {
        return before == 0 ? null : round(100 * (now - before) / before, 1);
    }

    /** The headline numbers compared: each metric's change in percent from the previous period. */
    public static Map<String, Double> changes(Summary previous, Summary current) {
        var changes = new java.util.LinkedHashMap<String, Double>();
        changes.put("dau", change(previous.dau(), current.dau()));
        changes.put("mau", change(previous.mau(), current.mau()));
        changes.put("newMembers", change(previous.newMembers(), current.newMembers()));
        changes.put("posts", change(previous.posts(), current.posts()));
        changes.put("likes", change(previous.likes(), current.likes()));
        changes.put("responseRate", change(previous.responseRate(), current.responseRate()));
        changes.put("flags", change(previous.flags(), current.flags()));
        changes.put("solvedRate", change(previous.solvedRate(), current.solvedRate()));
        changes.put("pageViews", change(previous.pageViews(), current.pageViews()));
        changes.put("visitors", change(previous.visitors(), current.visitors()));
        return changes;
    }

    private static long total(PeriodData data, String metric) {
        long[] perDay = data.daily().get(metric);
        return perDay == null ? 0 : LongStream.of(perDay).sum();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : round(100.0 * part / whole, 1);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
