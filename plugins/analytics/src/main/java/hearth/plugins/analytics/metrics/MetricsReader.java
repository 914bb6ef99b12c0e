package hearth.plugins.analytics.metrics;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.data.PluginDatabase;
import hearth.plugins.analytics.rollup.Tables;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Reads one period's roll-ups in a handful of indexed queries over per-day rows: daily counts, member-days (active
 * members and their posts), and the period's topics and flags.
 */
public final class MetricsReader {

    /** The daily metrics, in the order of the CSV export's columns. */
    public static final List<String> DAILY = List.of("members", "topics", "posts", "replies", "likes", "flags",
            "resolved", "views", "visitors");

    private static final int TOP = 10;

    /** How many unanswered topics the dashboard lists, oldest first. */
    public static final int UNANSWERED = 50;

    private final PluginDatabase db;
    private final Tables t;

    public MetricsReader(PluginDatabase db, Tables tables) {
        this.db = db;
        this.t = tables;
    }

    public PeriodData read(Period period, java.time.Instant now) {
        return db.read(sql -> {
            Map<String, long[]> daily = new HashMap<>();
            long[] active = new long[period.days()];
            DAILY.forEach(metric -> daily.put(metric, new long[period.days()]));
            sql.select(DAY, METRIC, AMOUNT).from(t.daily)
                    .where(CATEGORY_ID.eq(0L), DAY.between(period.from(), period.to()))
                    .forEach(r -> {
                        long[] perDay = "active".equals(r.value2()) ? active : daily.get(r.value2());
                        if (perDay != null) {
                            perDay[index(period, r.value1())] = r.value3();
                        }
                    });
            sql.select(DAY, VIEWS).from(t.traffic).where(DAY.between(period.from(), period.to()))
                    .forEach(r -> daily.get("views")[index(period, r.value1())] = r.value2());
            sql.select(DAY, DSL.count()).from(t.visitors).where(DAY.between(period.from(), period.to()))
                    .groupBy(DAY).forEach(r -> daily.get("visitors")[index(period, r.value1())] = r.value2());
            var start = period.start();
            var end = period.end();
            List<PeriodData.Joined> joined = sql.select(MEMBER_ID, JOINED_AT, FIRST_POST_AT).from(t.members)
                    .where(JOINED_AT.ge(start), JOINED_AT.lt(end))
                    .fetch(r -> new PeriodData.Joined(r.value1(), r.value2(), r.value3()));
            long contributors = sql.fetchCount(t.members, FIRST_POST_AT.ge(start), FIRST_POST_AT.lt(end));
            var visible = DSL.and(CREATED_AT.ge(start), CREATED_AT.lt(end), HIDDEN.isFalse());
            List<PeriodData.Topic> topics = sql.select(CREATED_AT, FIRST_REPLY_AT, QUESTION, ACCEPTED_POST_ID)
                    .from(t.topics).where(visible)
                    .fetch(r -> new PeriodData.Topic(r.value1(), r.value2(), r.value3(), r.value4() != null));
            List<PeriodData.Waiting> unanswered = sql.select(TOPIC_ID, CREATED_AT).from(t.topics)
                    .where(visible, FIRST_REPLY_AT.isNull()).orderBy(CREATED_AT, TOPIC_ID).limit(UNANSWERED)
                    .fetch(r -> new PeriodData.Waiting(r.value1(), r.value2()));
            List<PeriodData.Flag> flags = sql.select(RAISED_AT, RESOLVED_AT).from(t.flags)
                    .where(RAISED_AT.ge(start), RAISED_AT.lt(end))
                    .fetch(r -> new PeriodData.Flag(r.value1(), r.value2()));
            // One pass over the period's member-days gives both the members active in it and their posts.
            List<PeriodData.Contributor> members = sql.select(MEMBER_ID, DSL.sum(POSTS)).from(t.active)
                    .where(DAY.between(period.from(), period.to())).groupBy(MEMBER_ID)
                    .fetch(r -> new PeriodData.Contributor(r.value1(), r.value2().longValue()));
            List<PeriodData.Contributor> top = members.stream().filter(c -> c.posts() > 0)
                    .sorted(Comparator.comparingLong(PeriodData.Contributor::posts).reversed()
                            .thenComparingLong(PeriodData.Contributor::memberId))
                    .limit(TOP).toList();
            var topicCount = DSL.sum(DSL.when(METRIC.eq("topics"), AMOUNT).otherwise(0L)).as("topics");
            var postCount = DSL.sum(DSL.when(METRIC.eq("posts"), AMOUNT).otherwise(0L)).as("posts");
            List<PeriodData.CategoryCounts> categories = sql.select(CATEGORY_ID, topicCount, postCount)
                    .from(t.daily).where(CATEGORY_ID.ne(0L), DAY.between(period.from(), period.to()))
                    .groupBy(CATEGORY_ID).orderBy(postCount.desc(), CATEGORY_ID)
                    .fetch(r -> new PeriodData.CategoryCounts(r.value1(), r.value2().longValue(),
                            r.value3().longValue()));
            // Events that have started by now: before that, nobody could have shown up or not.
            var held = DSL.select(EVENT_ID).from(t.events).where(STARTS_AT.ge(start), STARTS_AT.lt(end),
                    STARTS_AT.le(now), CANCELLED.isFalse());
            var turnout = sql.select(
                            DSL.count(DSL.when(GOING.isTrue(), 1)),
                            DSL.count(DSL.when(GOING.isTrue().and(CHECKED_IN.isTrue()), 1)),
                            DSL.count(DSL.when(CHECKED_IN.isTrue(), 1)))
                    .from(t.rsvps).where(EVENT_ID.in(held)).fetchOne();
            PeriodData.Turnout events = new PeriodData.Turnout(sql.fetchCount(held), turnout.value1(),
                    turnout.value2(), turnout.value3());
            return new PeriodData(period, daily, active, members.size(),
                    distinctActive(sql, period.to().minusDays(6), period.to()),
                    distinctActive(sql, period.to().minusDays(29), period.to()),
                    joined, contributors, topics, unanswered, flags, top, categories, events);
        });
    }

    private long distinctActive(DSLContext sql, LocalDate from, LocalDate to) {
        return sql.select(DSL.countDistinct(MEMBER_ID)).from(t.active).where(DAY.between(from, to))
                .fetchOne().value1();
    }

    private static int index(Period period, LocalDate day) {
        return (int) ChronoUnit.DAYS.between(period.from(), day);
    }
}
