package hearth.plugins.analytics.cohorts;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.data.PluginDatabase;
import hearth.plugins.analytics.metrics.Period;
import hearth.plugins.analytics.rollup.ClosedDays;
import hearth.plugins.analytics.rollup.Tables;
import hearth.plugins.analytics.rollup.Tally;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention: members grouped by the week (from Monday) or month they joined, and how many of each group were still
 * active (posted, liked or flagged) in each later week or month; and the contributor funnel of a period's new members.
 */
public final class Cohorts {

    /** How many weeks or months back the table goes. */
    public static final int SPAN = 12;

    /** One cohort: when it joined, how many, and per period since (0 = the joining one) how many were active. */
    public record Cohort(String start, int size, List<Integer> active, List<Double> percent) {
    }

    /** The retention table. {@code unit} is "week" or "month". */
    public record Table(String unit, List<Cohort> cohorts) {
    }

    /**
     * The funnel of the members who joined in a period: how many posted, how many came back to post on a later day,
     * how many became volunteers (a volunteer role, or moderator or admin).
     */
    public record Funnel(String from, String to, long members, long posted, long returned, long volunteers) {
    }

    private final PluginDatabase db;
    private final Tables t;
    private final ClosedDays days;

    public Cohorts(PluginDatabase db, Tables tables) {
        this.db = db;
        this.t = tables;
        this.days = new ClosedDays(tables);
    }

    public Table table(String unit, LocalDate today, ZoneId zone) {
        boolean weeks = unit.equals("week");
        LocalDate first = weeks
                ? today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(SPAN - 1)
                : today.withDayOfMonth(1).minusMonths(SPAN - 1);
        Instant since = first.atStartOfDay(zone).toInstant();
        Map<Long, Integer> cohortOf = new HashMap<>();
        int[] sizes = new int[SPAN];
        // retained[c][k]: members of cohort c active in the k-th week or month after the one they joined in
        int[][] retained = new int[SPAN][SPAN];
        db.read(sql -> {
            sql.select(MEMBER_ID, JOINED_AT).from(t.members).where(JOINED_AT.ge(since)).forEach(r -> {
                int cohort = index(first, LocalDate.ofInstant(r.value2(), zone), weeks);
                if (cohort < SPAN) {
                    cohortOf.put(r.value1(), cohort);
                    sizes[cohort]++;
                }
            });
            Map<Integer, List<Tally>> activeIn = new HashMap<>();
            days.read(sql, first, today, zone).values().forEach(day -> activeIn
                    .computeIfAbsent(index(first, day.day(), weeks), k -> new ArrayList<>()).add(day.members()));
            activeIn.forEach((at, members) -> {
                for (long member : Tally.sum(members).keys()) {
                    Integer cohort = cohortOf.get(member);
                    if (cohort != null && cohort <= at && at < SPAN) {
                        retained[cohort][at - cohort]++;
                    }
                }
            });
            return null;
        });
        List<Cohort> cohorts = new ArrayList<>();
        for (int c = 0; c < SPAN; c++) {
            List<Integer> active = new ArrayList<>();
            List<Double> percent = new ArrayList<>();
            for (int k = 0; k < SPAN - c; k++) {
                int n = retained[c][k];
                active.add(n);
                percent.add(sizes[c] == 0 ? 0 : Math.round(1000.0 * n / sizes[c]) / 10.0);
            }
            LocalDate start = weeks ? first.plusWeeks(c) : first.plusMonths(c);
            cohorts.add(new Cohort(start.toString(), sizes[c], active, percent));
        }
        return new Table(weeks ? "week" : "month", cohorts);
    }

    /** The funnel of the members who joined in {@code period}, with what they did up to {@code today}. */
    public Funnel funnel(Period period, LocalDate today, ZoneId zone) {
        return db.read(sql -> {
            var joined = sql.select(MEMBER_ID, FIRST_POST_AT, VOLUNTEER_AT).from(t.members)
                    .where(JOINED_AT.ge(period.start()), JOINED_AT.lt(period.end())).fetch();
            Map<Long, Integer> postDays = new HashMap<>();
            joined.forEach(r -> postDays.put(r.value1(), 0));
            days.read(sql, period.from(), today, zone).values().forEach(day -> {
                Tally members = day.members();
                for (int i = 0; i < members.size(); i++) {
                    if (members.counts()[i] > 0) {
                        postDays.computeIfPresent(members.keys()[i], (member, n) -> n + 1);
                    }
                }
            });
            long posted = joined.stream().filter(r -> r.value2() != null).count();
            long returned = postDays.values().stream().filter(n -> n > 1).count();
            long volunteers = joined.stream().filter(r -> r.value3() != null).count();
            return new Funnel(period.from().toString(), period.to().toString(), joined.size(), posted, returned,
                    volunteers);
        });
    }

    private static int index(LocalDate first, LocalDate day, boolean weeks) {
        return (int) (weeks ? ChronoUnit.WEEKS.between(first, day.with(TemporalAdjusters.previousOrSame(
                DayOfWeek.MONDAY))) : ChronoUnit.MONTHS.between(first, day.withDayOfMonth(1)));
    }
}
