package hearth.plugins.analytics.segments;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.data.PluginDatabase;
import hearth.plugins.analytics.rollup.ClosedDays;
import hearth.plugins.analytics.rollup.Tables;
import hearth.plugins.analytics.rollup.Tally;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * Groups of members a community manager can act on, computed from the roll-ups as of a day of the site's time zone,
 * mostly from the day summaries (who was active each day, with their posts). Each answers member ids, most relevant
 * first, at most {@link #LIMIT}.
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
    private final ClosedDays days;

    public Segments(PluginDatabase db, Tables tables) {
        this.db = db;
        this.t = tables;
        this.days = new ClosedDays(tables);
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

    /** Active in the last 7 days and never before; the most recent newcomers first. */
    private List<Long> newAndActive(LocalDate today) {
        return db.read(sql -> sql.select(MEMBER_ID).from(t.members)
                .where(FIRST_ACTIVE_ON.between(today.minusDays(6), today))
                .orderBy(FIRST_ACTIVE_ON.desc(), MEMBER_ID).limit(LIMIT).fetch(MEMBER_ID));
    }

    private List<Long> superfans(LocalDate today, ZoneId zone) {
        LocalDate since = today.minusDays(89);
        Map<Long, Long> score = new HashMap<>();
        db.read(sql -> {
            days.read(sql, since, today, zone).values().forEach(day -> {
                Tally members = day.members();
                for (int i = 0; i < members.size(); i++) {
                    // the active day, and the posts that day
                    score.merge(members.keys()[i], 1 + members.counts()[i], Long::sum);
                }
            });
            sql.select(MEMBER_ID, DSL.count()).from(t.facts)
                    .where(KIND.eq("like"), AT.ge(since.atStartOfDay(zone).toInstant()))
                    .groupBy(MEMBER_ID).forEach(r -> score.merge(r.value1(), r.value2().longValue(), Long::sum));
            return null;
        });
        int top = (int) Math.ceil(score.size() * 0.05);
        return ranked(score).stream().limit(Math.min(top, LIMIT)).toList();
    }

    private List<Long> quietContributors(LocalDate today, ZoneId zone) {
        Map<Long, Long> posts = new HashMap<>();
        Map<Long, LocalDate> last = new HashMap<>();
        db.read(sql -> {
            days.read(sql, today.minusDays(89), today, zone).values().forEach(day -> {
                Tally members = day.members();
                for (int i = 0; i < members.size(); i++) {
                    last.put(members.keys()[i], day.day());
                    if (members.counts()[i] > 0) {
                        posts.merge(members.keys()[i], members.counts()[i], Long::sum);
                    }
                }
            });
            return null;
        });
        // Whoever posted in these 90 days was last active in them too: no day after today is counted.
        return ranked(posts).stream().limit((long) Math.ceil(posts.size() * 0.25)).filter(id -> {
            LocalDate lastDay = last.get(id);
            return !lastDay.isAfter(today.minusDays(7)) && !lastDay.isBefore(today.minusDays(28));
        }).limit(LIMIT).toList();
    }

    private List<Long> unansweredFirstPost() {
        return db.read(sql -> sql.select(MEMBER_ID).from(t.members).join(t.topics)
                .on(AUTHOR_ID.eq(MEMBER_ID), CREATED_AT.eq(FIRST_POST_AT))
                .where(FIRST_REPLY_AT.isNull(), HIDDEN.isFalse()).orderBy(FIRST_POST_AT).limit(LIMIT)
                .fetch(MEMBER_ID));
    }

    private static List<Long> ranked(Map<Long, Long> scores) {
        List<Long> ids = new ArrayList<>(scores.keySet());
        ids.sort(Comparator.comparing((Long id) -> -scores.get(id)).thenComparing(id -> id));
        return ids;
    }
}
