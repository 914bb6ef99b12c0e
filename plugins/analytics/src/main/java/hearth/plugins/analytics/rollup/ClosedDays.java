package hearth.plugins.analytics.rollup;

import static hearth.plugins.analytics.rollup.Tables.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Day summaries ({@link DaySummary}): counted from the member-days and topics for any days, and kept in
 * analytics_days for days that are over. Every day from the first one counted is kept, quiet ones too, so what a
 * period has to count afresh is one run of days at its end (today, and any day changed since the task last ran).
 */
public final class ClosedDays {

    /** A topic counts as answered in time when someone else replied within this long. */
    public static final Duration RESPONSE = Duration.ofHours(24);

    private final Tables t;

    public ClosedDays(Tables tables) {
        this.t = tables;
    }

    /** The summaries of the days {@code from} to {@code to}, kept or counted afresh, one for every day, in order. */
    public NavigableMap<LocalDate, DaySummary> read(DSLContext sql, LocalDate from, LocalDate to, ZoneId zone) {
        NavigableMap<LocalDate, DaySummary> days = new TreeMap<>();
        sql.select(DAY, ACTIVE_MEMBERS, STARTED, ANSWERED, IN_TIME, QUESTIONS, SOLVED, RESPONSES).from(t.days)
                .where(DAY.between(from, to))
                .forEach(r -> days.put(r.value1(), new DaySummary(r.value1(), DaySummary.decode(r.value2()),
                        new DaySummary.Topics(r.value3(), r.value4(), r.value5(), r.value6(), r.value7()),
                        DaySummary.decode(r.value8()))));
        for (List<LocalDate> run : runs(from, to, days.keySet())) {
            days.putAll(count(sql, run.getFirst(), run.getLast(), zone));
        }
        return days;
    }

    /**
     * Keeps the summaries of up to {@code limit} days before {@code today} that lack one, oldest first; returns how
     * many it kept.
     */
    int seal(DSLContext sql, LocalDate today, ZoneId zone, int limit) {
        LocalDate first = sql.select(DSL.min(DAY)).from(t.daily).fetchOne().value1();
        if (first == null || !first.isBefore(today)) {
            return 0;
        }
        Set<LocalDate> kept = new HashSet<>(sql.select(DAY).from(t.days).where(DAY.ge(first)).fetch(DAY));
        int sealed = 0;
        for (List<LocalDate> run : runs(first, today.minusDays(1), kept)) {
            List<LocalDate> days = run.subList(0, Math.min(run.size(), limit - sealed));
            if (days.isEmpty()) {
                break;
            }
            Map<LocalDate, DaySummary> counted = count(sql, days.getFirst(), days.getLast(), zone);
            var insert = sql.insertInto(t.days, DAY, ACTIVE_MEMBERS, STARTED, ANSWERED, IN_TIME, QUESTIONS, SOLVED,
                    RESPONSES);
            for (LocalDate day : days) {
                DaySummary s = counted.get(day);
                insert = insert.values(day, DaySummary.encode(s.members()), s.topics().started(),
                        s.topics().answered(), s.topics().inTime(), s.topics().questions(), s.topics().solved(),
                        DaySummary.encode(s.responses()));
            }
            insert.execute();
            sealed += days.size();
        }
        return sealed;
    }

    /** Forgets the kept summary of a day whose counts changed (a no-op for today, which has none). */
    void reopen(DSLContext sql, LocalDate day) {
        sql.deleteFrom(t.days).where(DAY.eq(day)).execute();
    }

    /** The summaries of the days {@code from} to {@code to} counted from the member-days and topics. */
    private Map<LocalDate, DaySummary> count(DSLContext sql, LocalDate from, LocalDate to, ZoneId zone) {
        Map<LocalDate, Tally.Builder> members = new HashMap<>();
        sql.select(DAY, MEMBER_ID, POSTS).from(t.active).where(DAY.between(from, to)).orderBy(DAY, MEMBER_ID)
                .forEach(r -> members.computeIfAbsent(r.value1(), d -> new Tally.Builder(64))
                        .add(r.value2(), r.value3()));
        Map<LocalDate, DaySummary.Topics> topics = new HashMap<>();
        Map<LocalDate, List<Long>> waits = new HashMap<>();
        sql.select(CREATED_AT, FIRST_REPLY_AT, QUESTION, ACCEPTED_POST_ID).from(t.topics)
                .where(CREATED_AT.ge(from.atStartOfDay(zone).toInstant()),
                        CREATED_AT.lt(to.plusDays(1).atStartOfDay(zone).toInstant()), HIDDEN.isFalse())
                .forEach(r -> {
                    LocalDate day = LocalDate.ofInstant(r.value1(), zone);
                    Instant reply = r.value2();
                    Duration wait = reply == null ? null : Duration.between(r.value1(), reply);
                    boolean question = r.value3();
                    topics.merge(day, new DaySummary.Topics(1, wait == null ? 0 : 1,
                            wait != null && wait.compareTo(RESPONSE) <= 0 ? 1 : 0, question ? 1 : 0,
                            question && r.value4() != null ? 1 : 0), DaySummary.Topics::plus);
                    if (wait != null) {
                        waits.computeIfAbsent(day, d -> new ArrayList<>()).add(wait.toMinutes());
                    }
                });
        Map<LocalDate, DaySummary> days = new HashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Tally.Builder active = members.get(day);
            List<Long> minutes = waits.getOrDefault(day, List.of());
            days.put(day, new DaySummary(day, active == null ? Tally.EMPTY : active.build(),
                    topics.getOrDefault(day, DaySummary.Topics.NONE),
                    Tally.of(minutes.stream().mapToLong(Long::longValue).toArray())));
        }
        return days;
    }

    /** The runs of consecutive days from {@code from} to {@code to} that are not in {@code kept}. */
    private static List<List<LocalDate>> runs(LocalDate from, LocalDate to, Set<LocalDate> kept) {
        List<List<LocalDate>> runs = new ArrayList<>();
        List<LocalDate> run = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (kept.contains(day)) {
                if (!run.isEmpty()) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
            } else {
                run.add(day);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }
}
