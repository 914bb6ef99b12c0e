package hearth.plugins.analytics.gaps;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.plugins.analytics.metrics.Period;
import java.time.Instant;
import java.util.List;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * What people searched for and did not find, from the search-lucene plugin's search log when that plugin has one:
 * the topics the community is missing. Read-only.
 */
public final class ContentGaps {

    /** How many queries the dashboard lists. */
    static final int TOP = 20;

    /** A query that found nothing, and how often it was searched in the period. */
    public record Gap(String query, int searches) {
    }

    private static final Table<?> LOG = DSL.table(DSL.name("search_lucene_queries"));
    private static final Field<Instant> SEARCHED_AT = Columns.instant("searched_at");
    private static final Field<String> QUERY = Columns.text("query");
    private static final Field<Integer> RESULTS = Columns.number("results");

    private final PluginDatabase db;

    public ContentGaps(PluginDatabase db) {
        this.db = db;
    }

    /** The most searched queries without results in the period; empty when there is no search log. */
    public List<Gap> in(Period period) {
        if (!logExists()) {
            return List.of();
        }
        var searches = DSL.count().as("searches");
        return db.read(sql -> sql.select(QUERY, searches).from(LOG)
                .where(RESULTS.eq(0), SEARCHED_AT.ge(period.start()), SEARCHED_AT.lt(period.end()))
                .groupBy(QUERY).orderBy(searches.desc(), QUERY).limit(TOP)
                .fetch(r -> new Gap(r.value1(), r.value2())));
    }

    /**
     * Whether the search log's table is there. Asked of the connection itself: information_schema would also list
     * the tables of other databases on the same server.
     */
    private boolean logExists() {
        try {
            db.read(sql -> sql.selectOne().from(LOG).where(DSL.falseCondition()).fetch());
            return true;
        } catch (DataAccessException absent) {
            return false;
        }
    }
}
