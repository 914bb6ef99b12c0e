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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.impl.DSL;

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
    // member_id is in every table joined here: each side names its own.
    private final Field<Long> factMember;
    private final Field<Long> memberId;

    public Cohorts(PluginDatabase db, Tables tables) {
        this.db = db;
        this.t = tables;
        this.days = new ClosedDays(tables);
        this.factMember = DSL.field(DSL.name(db.table("facts"), "member_id"), Long.class);
        this.memberId = DSL.field(DSL.name(db.table("members"), "member_id"), Long.class);
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

    public Funnel funnel(Period period, ZoneId zone) {
        Instant start = period.start();
        Instant end = period.end();
        return db.read(sql -> {
            var joined = sql.select(memberId, FIRST_POST_AT, VOLUNTEER_AT).from(t.members)
                    .where(JOINED_AT.ge(start), JOINED_AT.lt(end)).fetch();
            Map<Long, Set<LocalDate>> postDays = new HashMap<>();
            sql.select(factMember, AT).from(t.facts).join(t.members).on(factMember.eq(memberId))
                    .where(KIND.eq("post"), JOINED_AT.ge(start), JOINED_AT.lt(end))
                    .forEach(r -> postDays.computeIfAbsent(r.value1(), k -> new HashSet<>())
                            .add(LocalDate.ofInstant(r.value2(), zone)));
            long posted = joined.stream().filter(r -> r.value2() != null).count();
            long returned = postDays.values().stream().filter(days -> days.size() > 1).count();
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
