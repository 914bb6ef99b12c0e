package hearth.plugins.analytics.segments;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.data.PluginDatabase;
import hearth.plugins.analytics.rollup.Tables;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * Groups of members a community manager can act on, computed from the roll-ups as of a day of the site's time zone.
 * Each answers member ids, most relevant first, at most {@link #LIMIT}.
 */
public final class Segments {

    /** The most members one segment lists (and one message reaches). */
    public static final int LIMIT = 200;

    /** The segments, by the name used in URLs, with what each means. */
    public static final Map<String, String> DESCRIPTIONS = Map.of(
            "new-active", "New and active: their first activity was in the last 7 days",
            "superfans", "Superfans: the top 5 % by engagement (active days + posts + likes given) over 90 days",
            "quiet-contributors", "Top contributors gone quiet: the top 25 % by posts over 90 days, with nothing"
                    + " in the last 7 days but something in the last 28",
            "unanswered-first-post", "First post still unanswered: their first post opened a topic nobody else"
                    + " has replied to");

    /** The order the dashboard lists them in. */
    public static final List<String> NAMES = List.of("new-active", "superfans", "quiet-contributors",
            "unanswered-first-post");

    private final PluginDatabase db;
    private final Tables t;

    public Segments(PluginDatabase db, Tables tables) {
        this.db = db;
        this.t = tables;
    }

    /** The members of {@code segment} as of {@code today}. */
    public List<Long> members(String segment, LocalDate today, ZoneId zone) {
        return switch (segment) {
            case "new-active" -> newAndActive(today);
            case "superfans" -> superfans(today, zone);
            case "quiet-contributors" -> quietContributors(today, zone);
            case "unanswered-first-post" -> unansweredFirstPost();
            default -> throw new IllegalArgumentException("No segment " + segment);
        };
    }

    private List<Long> newAndActive(LocalDate today) {
        LocalDate since = today.minusDays(6);
        // Both sides aliased: an unqualified member_id inside NOT EXISTS would name the inner table's own column.
        var recent = t.active.as("recent");
        var recentMember = DSL.field(DSL.name("recent", "member_id"), Long.class);
        var recentDay = DSL.field(DSL.name("recent", "on_day"), LocalDate.class);
        var earlier = t.active.as("earlier");
        var earlierMember = DSL.field(DSL.name("earlier", "member_id"), Long.class);
        var earlierDay = DSL.field(DSL.name("earlier", "on_day"), LocalDate.class);
        return db.read(sql -> sql.select(recentMember, DSL.min(recentDay)).from(recent)
                .where(recentDay.between(since, today))
                .andNotExists(DSL.selectOne().from(earlier)
                        .where(earlierMember.eq(recentMember), earlierDay.lt(since)))
                .groupBy(recentMember).orderBy(DSL.min(recentDay).desc(), recentMember).limit(LIMIT)
                .fetch(recentMember));
    }

    private List<Long> superfans(LocalDate today, ZoneId zone) {
        Map<Long, Long> score = engagement(today, zone);
        int top = (int) Math.ceil(score.size() * 0.05);
        return ranked(score).stream().limit(Math.min(top, LIMIT)).toList();
    }

    private List<Long> quietContributors(LocalDate today, ZoneId zone) {
        Map<Long, Long> posts = db.read(sql -> sql.select(MEMBER_ID, DSL.count()).from(t.facts)
                .where(KIND.eq("post"), AT.ge(today.minusDays(89).atStartOfDay(zone).toInstant()))
                .groupBy(MEMBER_ID).fetchMap(r -> r.value1(), r -> r.value2().longValue()));
        List<Long> top = ranked(posts).stream().limit((long) Math.ceil(posts.size() * 0.25)).toList();
        if (top.isEmpty()) {
            return List.of();
        }
        Map<Long, LocalDate> last = db.read(sql -> sql.select(MEMBER_ID, DSL.max(DAY)).from(t.active)
                .where(MEMBER_ID.in(top)).groupBy(MEMBER_ID).fetchMap(r -> r.value1(), r -> r.value2()));
        return top.stream().filter(id -> {
            LocalDate lastDay = last.get(id);
            return lastDay != null && !lastDay.isAfter(today.minusDays(7)) && !lastDay.isBefore(today.minusDays(28));
        }).limit(LIMIT).toList();
    }

    private List<Long> unansweredFirstPost() {
        return db.read(sql -> sql.select(MEMBER_ID).from(t.members).join(t.topics)
                .on(AUTHOR_ID.eq(MEMBER_ID), CREATED_AT.eq(FIRST_POST_AT))
                .where(FIRST_REPLY_AT.isNull(), HIDDEN.isFalse()).orderBy(FIRST_POST_AT).limit(LIMIT)
                .fetch(MEMBER_ID));
    }

    /** Active days + posts + likes given over the 90 days up to {@code today}, per member. */
    private Map<Long, Long> engagement(LocalDate today, ZoneId zone) {
        LocalDate since = today.minusDays(89);
        Map<Long, Long> score = new HashMap<>();
        db.read(sql -> {
            sql.select(MEMBER_ID, DSL.count()).from(t.active).where(DAY.between(since, today)).groupBy(MEMBER_ID)
                    .forEach(r -> score.merge(r.value1(), r.value2().longValue(), Long::sum));
            sql.select(MEMBER_ID, DSL.count()).from(t.facts).where(KIND.in("post", "like"),
                            AT.ge(since.atStartOfDay(zone).toInstant()))
                    .groupBy(MEMBER_ID).forEach(r -> score.merge(r.value1(), r.value2().longValue(), Long::sum));
            return null;
        });
        return score;
    }

    private static List<Long> ranked(Map<Long, Long> scores) {
        List<Long> ids = new ArrayList<>(scores.keySet());
        ids.sort(Comparator.comparing((Long id) -> -scores.get(id)).thenComparing(id -> id));
        return ids;
    }
}
