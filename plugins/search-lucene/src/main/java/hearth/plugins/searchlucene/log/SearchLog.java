package hearth.plugins.searchlucene.log;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jooq.Field;
import org.jooq.Table;

/**
 * What people search for: one row per search (first pages only, so paging does not count twice), read back as the
 * most frequent queries and the most frequent queries that found nothing over a period. Queries are stored lower
 * case and trimmed, so "Redis" and "redis " count as one.
 */
public final class SearchLog {

    /**
     * One query and how often it was searched.
     *
     * @param query       the query, lower case
     * @param searches    how many times
     * @param lastResults how many hits it had, at most, in the period
     */
    public record Count(String query, int searches, int lastResults) {
    }

    private final PluginDatabase db;
    private final Clock clock;
    private final Table<?> queries;
    private final Field<Instant> searchedAt = Columns.instant("searched_at");
    private final Field<String> query = Columns.text("query");
    private final Field<Boolean> signedIn = Columns.flag("signed_in");
    private final Field<Integer> results = Columns.number("results");

    public SearchLog(PluginDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.queries = table(name(db.table("queries")));
    }

    /** Notes one search. */
    public void record(String text, boolean signedInSearcher, long total) {
        String normalised = text.strip().toLowerCase(Locale.ROOT);
        if (normalised.length() > 200) {
            normalised = normalised.substring(0, 200);
        }
        String stored = normalised;
        db.write(sql -> sql.insertInto(queries).columns(searchedAt, query, signedIn, results)
                .values(clock.instant(), stored, signedInSearcher, (int) Math.min(Integer.MAX_VALUE, total))
                .execute());
    }

    /** The most searched queries over the last {@code period}, at most {@code limit}. */
    public List<Count> top(Duration period, int limit) {
        return counts(period, limit, false);
    }

    /** The most searched queries that found nothing over the last {@code period}, at most {@code limit}. */
    public List<Count> zeroResults(Duration period, int limit) {
        return counts(period, limit, true);
    }

    private List<Count> counts(Duration period, int limit, boolean zeroOnly) {
        Instant since = clock.instant().minus(period);
        Field<Integer> searches = count().as("searches");
        return db.read(sql -> sql.select(query, searches, max(results))
                .from(queries)
                .where(searchedAt.ge(since), zeroOnly ? results.eq(0) : results.ge(0))
                .groupBy(query)
                .orderBy(searches.desc(), query)
                .limit(limit)
                .fetch(r -> new Count(r.value1(), r.value2(), r.value3())));
    }

    /** Forgets searches older than {@code keep}; the log is for trends, not an archive. */
    public int prune(Duration keep) {
        Instant before = clock.instant().minus(keep);
        return db.write(sql -> sql.deleteFrom(queries).where(searchedAt.lt(before)).execute());
    }
}
