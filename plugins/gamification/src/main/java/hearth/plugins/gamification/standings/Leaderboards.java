package hearth.plugins.gamification.standings;

import static hearth.plugins.gamification.awarding.Tables.*;

import hearth.api.PluginContext;
import hearth.api.errors.InvalidInput;
import hearth.api.settings.Setting;
import hearth.api.views.MemberView;
import hearth.plugins.gamification.awarding.Rules;
import hearth.plugins.gamification.awarding.Tables;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Leaderboards, summed from the per-day totals awarding maintains (never from the ledger): this week (from Monday),
 * month, year, all time, the current season, or any date range, on the whole site or in one category, with staff
 * left out if the admins say so. Days are the rules' time zone's.
 */
public final class Leaderboards {

    /** The periods a leaderboard can cover. */
    public static final List<String> PERIODS = List.of("week", "month", "year", "all", "season", "range");

    /** One place on a board. */
    public record Place(int rank, long memberId, String username, String displayName, long points) {
    }

    /** A board: its period's first and last day (null for all time) and its places. */
    public record Board(String period, LocalDate from, LocalDate to, long categoryId, List<Place> places) {
    }

    private final PluginContext context;
    private final Tables t;
    private final Rules rules;
    private final Seasons seasons;
    private final Setting<Boolean> excludeStaff;

    public Leaderboards(PluginContext context, Tables tables, Rules rules, Seasons seasons,
                        Setting<Boolean> excludeStaff) {
        this.context = context;
        this.t = tables;
        this.rules = rules;
        this.seasons = seasons;
        this.excludeStaff = excludeStaff;
    }

    /** The board for a period ({@code from} and {@code to}, yyyy-mm-dd, for a range), top {@code limit} (blocking). */
    public Board board(String period, Optional<String> from, Optional<String> to, long categoryId, int limit) {
        LocalDate today = LocalDate.ofInstant(context.clock().instant(), rules.zone());
        LocalDate first;
        LocalDate last = today;
        switch (period) {
            case "week" -> first = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> first = today.withDayOfMonth(1);
            case "year" -> first = today.withDayOfYear(1);
            case "all" -> {
                first = null;
                last = null;
            }
            case "season" -> first = seasons.current().map(Seasons.Season::startsOn).orElse(null);
            case "range" -> {
                first = date(from, "from");
                last = date(to, "to");
                if (last.isBefore(first)) {
                    throw new InvalidInput("to", "The range must end on or after its first day.");
                }
            }
            default -> throw new InvalidInput("period", "Choose a period: " + String.join(", ", PERIODS) + ".");
        }
        return new Board(period, first, last, categoryId, places(first, last, categoryId, limit));
    }

    private List<Place> places(LocalDate first, LocalDate last, long categoryId, int limit) {
        Condition where = DSL.noCondition();
        if (first != null) {
            where = where.and(DAY.ge(first));
        }
        if (last != null) {
            where = where.and(DAY.le(last));
        }
        if (categoryId != 0) {
            where = where.and(CATEGORY_ID.eq(categoryId));
        }
        Field<BigDecimal> sum = DSL.sum(TOTAL);
        Condition filter = where;
        // Staff are left out after the sum; fetching a margin more keeps the board full unless most leaders are staff.
        var rows = context.database().read(sql -> sql.select(MEMBER_ID, sum).from(t.daily).where(filter)
                .groupBy(MEMBER_ID).having(sum.gt(BigDecimal.ZERO)).orderBy(sum.desc(), MEMBER_ID)
                .limit(limit + 50).fetch());
        List<Place> places = new ArrayList<>();
        int rank = 0;
        long previous = Long.MIN_VALUE;
        int seen = 0;
        for (var row : rows) {
            Optional<MemberView> member = context.members().byId(row.value1());
            if (member.isEmpty() || (excludeStaff.get() && member.get().isStaff())) {
                continue;
            }
            long points = row.value2().longValue();
            seen++;
            if (points != previous) {
                rank = seen;
                previous = points;
            }
            places.add(new Place(rank, member.get().id(), member.get().username(), member.get().displayName(),
                    points));
            if (places.size() == limit) {
                break;
            }
        }
        return places;
    }

    private static LocalDate date(Optional<String> raw, String field) {
        try {
            return LocalDate.parse(raw.map(String::strip).filter(s -> !s.isEmpty())
                    .orElseThrow(() -> new InvalidInput(field, "Give the range's " + field + " date, e.g. 2027-03-01.")));
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "Give the " + field + " date as yyyy-mm-dd, e.g. 2027-03-01.");
        }
    }
}
