package hearth.plugins.analytics.traffic;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.data.PluginDatabase;
import hearth.api.observe.ObservedRequest;
import hearth.plugins.analytics.rollup.Rollups;
import hearth.plugins.analytics.rollup.Tables;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;

/**
 * Page views and unique visitors per day from the server's own request data: what people (not bots) opened. The
 * observer only counts in memory (it must be quick); a task writes the counts every minute.
 */
public final class Traffic {

    /** User agents that announce a robot, and tools that fetch pages without a person behind them. */
    static final Pattern BOTS = Pattern.compile(
            "bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|monitor|uptime|curl|wget|python-requests"
                    + "|headless|lighthouse|pingdom");

    private record Pending(Map<LocalDate, Long> views, Map<LocalDate, Set<String>> visitors) {
    }

    private final PluginDatabase db;
    private final Tables t;
    private volatile ZoneId zone;
    private Pending pending = new Pending(new HashMap<>(), new HashMap<>());

    public Traffic(PluginDatabase db, Tables tables) {
        this.db = db;
        this.t = tables;
    }

    /** Counts in the roll-ups' zone (read at start and after each flush, as observers may not block). */
    public void follow(Rollups rollups) {
        zone = rollups.zone();
    }

    public void observe(ObservedRequest request) {
        if (!request.method().equals("GET") || request.status() >= 400 || !page(request.path())
                || isBot(request.userAgent().orElse("")) || zone == null) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(request.at(), zone);
        synchronized (this) {
            pending.views().merge(day, 1L, Long::sum);
            request.visitor().ifPresent(v -> pending.visitors().computeIfAbsent(day, d -> new HashSet<>()).add(v));
        }
    }

    /** Whether a user agent is a robot's (or missing: browsers always send one). */
    static boolean isBot(String userAgent) {
        return userAgent.isBlank() || BOTS.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
    }

    /** Pages people read, not the API, live updates, exports or static files. */
    private static boolean page(String path) {
        return !path.startsWith("/api/") && !path.startsWith("/live/") && !path.startsWith("/plugin-assets/")
                && !path.startsWith("/assets/") && !path.endsWith(".csv") && !path.startsWith("/feeds/");
    }

    /** Writes what was counted since the last flush (blocking; the task calls it). */
    public void flush(Rollups rollups) {
        Pending taken;
        synchronized (this) {
            taken = pending;
            pending = new Pending(new HashMap<>(), new HashMap<>());
        }
        if (!taken.views().isEmpty()) {
            db.write(sql -> {
                taken.views().forEach((day, views) -> {
                    if (sql.update(t.traffic).set(VIEWS, VIEWS.plus(views)).where(DAY.eq(day)).execute() == 0) {
                        sql.insertInto(t.traffic, DAY, VIEWS).values(day, views).execute();
                    }
                });
                taken.visitors().forEach((day, ids) -> {
                    long firstSeen = 0;
                    for (String id : ids) {
                        firstSeen += sql.insertInto(t.visitors, DAY, VISITOR)
                                .select(DSL.select(DSL.val(day, DAY), DSL.val(id, VISITOR)).whereNotExists(
                                        DSL.selectOne().from(t.visitors).where(DAY.eq(day), VISITOR.eq(id))))
                                .execute();
                    }
                    sql.update(t.traffic).set(VISITORS, VISITORS.plus(firstSeen)).where(DAY.eq(day)).execute();
                });
                return null;
            });
        }
        follow(rollups);
    }
}
