package hearth.plugins.gamification.standings;

import static hearth.plugins.gamification.awarding.Tables.*;

import hearth.api.PluginContext;
import hearth.api.errors.InvalidInput;
import hearth.plugins.gamification.awarding.BadgeBook;
import hearth.plugins.gamification.awarding.BadgeRule;
import hearth.plugins.gamification.awarding.Levels;
import hearth.plugins.gamification.awarding.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** A member's points, level, progress and badges, and a badge's holders, as pages and the API show them. */
public final class Standings {

    /** How many badges a member may feature on their card. */
    public static final int FEATURED = 3;

    /** A badge a member holds. */
    public record Held(String key, String name, String tier, Instant grantedAt, boolean manual, String reason,
                       boolean featured) {
    }

    /** A member's standing. {@code nextAt} is 0 and {@code progress} 100 at the top level. */
    public record Standing(long memberId, long points, int level, String levelName, String nextName, long nextAt,
                           int progress, int streak, int bestStreak, List<Held> badges) {

        public List<Held> featured() {
            return badges.stream().filter(Held::featured).toList();
        }
    }

    /** One holder of a badge. */
    public record Holder(long memberId, String username, String displayName, Instant grantedAt) {
    }

    /** One ledger row as a member reads it. */
    public record Line(String action, int points, String subject, String day) {
    }

    private final PluginContext context;
    private final Tables t;
    private final Levels levels;
    private final BadgeBook book;

    public Standings(PluginContext context, Tables tables, Levels levels, BadgeBook book) {
        this.context = context;
        this.t = tables;
        this.levels = levels;
        this.book = book;
    }

    /** The member's standing (blocking). */
    public Standing of(long memberId) {
        return read(MEMBER_ID.eq(memberId)).getOrDefault(memberId, standing(memberId, null, List.of(), List.of()));
    }

    /** Everyone's standing with points or badges (blocking): to fill the cards' memory, in three queries. */
    public Map<Long, Standing> everyone() {
        return read(DSL.noCondition());
    }

    /** A badge held, as read before it is matched with its rule. */
    private record HeldRow(String badge, Instant grantedAt, boolean manual, String reason) {
    }

    private Map<Long, Standing> read(Condition members) {
        return context.database().read(sql -> {
            Map<Long, long[]> totals = new HashMap<>();
            sql.select(MEMBER_ID, TOTAL, STREAK, BEST_STREAK).from(t.members).where(members).fetch()
                    .forEach(r -> totals.put(r.value1(), new long[] {r.value2(), r.value3(), r.value4()}));
            Map<Long, List<String>> featured = new HashMap<>();
            sql.select(MEMBER_ID, BADGE).from(t.featured).where(members).orderBy(MEMBER_ID, ORDINAL).fetch()
                    .forEach(r -> featured.computeIfAbsent(r.value1(), id -> new ArrayList<>()).add(r.value2()));
            Map<Long, List<HeldRow>> held = new HashMap<>();
            sql.select(MEMBER_ID, BADGE, GRANTED_AT, MANUAL, REASON).from(t.badges).where(members)
                    .orderBy(MEMBER_ID, GRANTED_AT, BADGE).fetch()
                    .forEach(r -> held.computeIfAbsent(r.value1(), id -> new ArrayList<>())
                            .add(new HeldRow(r.value2(), r.value3(), r.value4(), r.value5())));
            Set<Long> ids = new LinkedHashSet<>(totals.keySet());
            ids.addAll(held.keySet());
            Map<Long, Standing> standings = new HashMap<>();
            for (long id : ids) {
                standings.put(id, standing(id, totals.get(id), featured.getOrDefault(id, List.of()),
                        held.getOrDefault(id, List.of())));
            }
            return standings;
        });
    }

    /** {@code totals}: points, streak and best streak, or null for a member with none. */
    private Standing standing(long memberId, long[] totals, List<String> featured, List<HeldRow> held) {
        long points = totals == null ? 0 : totals[0];
        List<Held> badges = new ArrayList<>();
        for (HeldRow row : held) {
            book.find(row.badge()).ifPresent(rule -> badges.add(new Held(rule.key(), rule.name(), rule.tier(),
                    row.grantedAt(), row.manual(), row.reason(), featured.contains(rule.key()))));
        }
        // Featured first, in the member's order; the rest as they were earned.
        badges.sort(Comparator.comparingInt(b -> b.featured() ? featured.indexOf(b.key()) : featured.size()));
        Levels.Level level = levels.of(points);
        Optional<Levels.Level> next = levels.next(level);
        int progress = next.map(n -> (int) (100 * (points - level.from()) / (n.from() - level.from()))).orElse(100);
        return new Standing(memberId, points, level.number(), level.name(), next.map(Levels.Level::name).orElse(""),
                next.map(Levels.Level::from).orElse(0L), progress, totals == null ? 0 : (int) totals[1],
                totals == null ? 0 : (int) totals[2], List.copyOf(badges));
    }

    /** Chooses the badges the member shows on their card, in order (at most {@link #FEATURED}, all held). */
    public void feature(long memberId, List<String> badges) {
        List<String> chosen = badges.stream().map(String::strip).filter(b -> !b.isEmpty()).distinct().toList();
        if (chosen.size() > FEATURED) {
            throw new InvalidInput("badges", "Choose at most " + FEATURED + " badges to feature.");
        }
        context.database().write(sql -> {
            List<String> held = sql.select(BADGE).from(t.badges).where(MEMBER_ID.eq(memberId)).fetch(BADGE);
            for (String badge : chosen) {
                if (!held.contains(badge)) {
                    throw new InvalidInput("badges", "You can only feature badges you hold.");
                }
            }
            sql.deleteFrom(t.featured).where(MEMBER_ID.eq(memberId)).execute();
            for (int i = 0; i < chosen.size(); i++) {
                sql.insertInto(t.featured).set(MEMBER_ID, memberId).set(BADGE, chosen.get(i)).set(ORDINAL, i)
                        .execute();
            }
            return null;
        });
    }

    /** Who holds the badge, first holders first (blocking). */
    public List<Holder> holders(BadgeRule badge) {
        return context.database().read(sql -> sql.select(MEMBER_ID, GRANTED_AT).from(t.badges)
                .where(BADGE.eq(badge.key())).orderBy(GRANTED_AT, MEMBER_ID).limit(500).fetch()).stream()
                .flatMap(r -> context.members().byId(r.value1()).stream()
                        .map(m -> new Holder(m.id(), m.username(), m.displayName(), r.value2())))
                .toList();
    }

    /** How many members hold each badge. */
    public Map<String, Integer> holderCounts() {
        return context.database().read(sql -> sql.select(BADGE, DSL.count()).from(t.badges)
                .groupBy(BADGE).fetchMap(BADGE, DSL.count()));
    }

    /** The member's latest ledger rows (blocking). */
    public List<Line> ledger(long memberId, int limit) {
        return context.database().read(sql -> sql.select(ACTION, POINTS, SUBJECT, DAY).from(t.ledger)
                .where(MEMBER_ID.eq(memberId)).orderBy(ID.desc()).limit(limit)
                .fetch(r -> new Line(r.value1(), r.value2(), r.value3(), r.value4().toString())));
    }
}
