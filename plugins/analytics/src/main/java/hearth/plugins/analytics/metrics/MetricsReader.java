package hearth.plugins.analytics.metrics;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.data.PluginDatabase;
import hearth.plugins.analytics.rollup.ClosedDays;
import hearth.plugins.analytics.rollup.DaySummary;
import hearth.plugins.analytics.rollup.Tables;
import hearth.plugins.analytics.rollup.Tally;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * Reads one period's roll-ups in a handful of queries over rows kept per day: the daily counts, and the day
 * summaries (who was active with their posts, the topics started and their first responses) of the period and the
 * 30 days before its end: a year is a few hundred rows, each as large as the members active that day.
 */
public final class MetricsReader {

    /** The daily metrics, in the order of the CSV export's columns. */
    public static final List<String> DAILY = List.of("members", "topics", "posts", "replies", "likes", "flags",
            "resolved", "views", "visitors");

    /** Daily counts the summary adds up but the daily series do not show. */
    private static final List<String> TOTALS_ONLY = List.of("activated", "contributors");

    private static final int TOP = 10;

    /** How many unanswered topics the dashboard lists, oldest first. */
    public static final int UNANSWERED = 50;

    private final PluginDatabase db;
    private final Tables t;
    private final ClosedDays days;

    public MetricsReader(PluginDatabase db, Tables tables) {
        this.db = db;
        this.t = tables;
        this.days = new ClosedDays(tables);
    }

    /** Everything the dashboard shows of a period. */
    public PeriodData read(Period period, Instant now) {
        return read(period, now, true);
    }

    /** Only what {@link Metrics#summarise} needs (a period to compare with). */
    public PeriodData totals(Period period, Instant now) {
        return read(period, now, false);
    }

    private PeriodData read(Period period, Instant now, boolean details) {
        LocalDate from = period.from();
        LocalDate to = period.to();
        return db.read(sql -> {
            Map<String, long[]> daily = new HashMap<>();
            long[] active = new long[period.days()];
            DAILY.forEach(metric -> daily.put(metric, new long[period.days()]));
            TOTALS_ONLY.forEach(metric -> daily.put(metric, new long[period.days()]));
            sql.select(DAY, METRIC, AMOUNT).from(t.daily)
                    .where(CATEGORY_ID.eq(0L), DAY.between(from, to))
                    .forEach(r -> {
                        long[] perDay = "active".equals(r.value2()) ? active : daily.get(r.value2());
                        if (perDay != null) {
                            perDay[index(period, r.value1())] = r.value3();
                        }
                    });
            sql.select(DAY, VIEWS, VISITORS).from(t.traffic).where(DAY.between(from, to)).forEach(r -> {
                daily.get("views")[index(period, r.value1())] = r.value2();
                daily.get("visitors")[index(period, r.value1())] = r.value3();
            });

            LocalDate monthStart = to.minusDays(29);
            Map<LocalDate, DaySummary> summaries = days.read(sql, monthStart.isBefore(from) ? monthStart : from, to,
                    period.zone());
            List<DaySummary> inPeriod = summaries.values().stream().filter(d -> !d.day().isBefore(from)).toList();
            Tally members = Tally.sum(inPeriod.stream().map(DaySummary::members).toList());
            DaySummary.Topics topics = inPeriod.stream().map(DaySummary::topics)
                    .reduce(DaySummary.Topics.NONE, DaySummary.Topics::plus);
            Tally responses = Tally.sum(inPeriod.stream().map(DaySummary::responses).toList());

            var start = period.start();
            var end = period.end();
            Tally resolves = Tally.of(sql.select(RAISED_AT, RESOLVED_AT).from(t.flags)
                    .where(RAISED_AT.ge(start), RAISED_AT.lt(end), RESOLVED_AT.isNotNull())
                    .fetch(r -> Duration.between(r.value1(), r.value2()).toMinutes())
                    .stream().mapToLong(Long::longValue).toArray());
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

            List<PeriodData.Waiting> unanswered = List.of();
            List<PeriodData.CategoryCounts> categories = List.of();
            if (details) {
                unanswered = sql.select(TOPIC_ID, CREATED_AT).from(t.topics)
                        .where(FIRST_REPLY_AT.isNull(), CREATED_AT.ge(start), CREATED_AT.lt(end), HIDDEN.isFalse())
                        .orderBy(CREATED_AT, TOPIC_ID).limit(UNANSWERED)
                        .fetch(r -> new PeriodData.Waiting(r.value1(), r.value2()));
                var topicCount = DSL.sum(DSL.when(METRIC.eq("topics"), AMOUNT).otherwise(0L)).as("topics");
                var postCount = DSL.sum(DSL.when(METRIC.eq("posts"), AMOUNT).otherwise(0L)).as("posts");
                categories = sql.select(CATEGORY_ID, topicCount, postCount)
                        .from(t.daily).where(CATEGORY_ID.ne(0L), DAY.between(from, to))
                        .groupBy(CATEGORY_ID).orderBy(postCount.desc(), CATEGORY_ID)
                        .fetch(r -> new PeriodData.CategoryCounts(r.value1(), r.value2().longValue(),
                                r.value3().longValue()));
            }
            return new PeriodData(period, daily, active, members.size(),
                    distinct(summaries, to.minusDays(6), to), distinct(summaries, monthStart, to), topics,
                    responses, resolves, unanswered, details ? top(members) : List.of(), categories, events);
        });
    }

    /** The members with the most posts, most first (ties: who joined first). */
    private static List<PeriodData.Contributor> top(Tally members) {
        List<PeriodData.Contributor> posters = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (members.counts()[i] > 0) {
                posters.add(new PeriodData.Contributor(members.keys()[i], members.counts()[i]));
            }
        }
        return posters.stream().sorted(Comparator.comparingLong(PeriodData.Contributor::posts).reversed()
                .thenComparingLong(PeriodData.Contributor::memberId)).limit(TOP).toList();
    }

    /** Distinct members active from {@code from} to {@code to}. */
    private static long distinct(Map<LocalDate, DaySummary> summaries, LocalDate from, LocalDate to) {
        return Tally.sum(summaries.values().stream().filter(d -> !d.day().isBefore(from) && !d.day().isAfter(to))
                .map(DaySummary::members).toList()).size();
    }

    private static int index(Period period, LocalDate day) {
        return (int) ChronoUnit.DAYS.between(period.from(), day);
    }
}
