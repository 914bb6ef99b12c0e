package hearth.plugins.searchlucene.query;

import hearth.plugins.searchlucene.index.Fields;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * A gentle multiplier on relevance: newer and more liked content ranks a little higher, never enough to bury a much
 * better text match. Age halves a bonus of 20% every {@link #HALF_LIFE_DAYS} days (an old answer keeps 80% of its
 * score); likes add 8% per doubling. BM25 decides, these break near-ties.
 */
final class Freshness extends DoubleValuesSource {

    static final double HALF_LIFE_DAYS = 180;
    private static final double DAY_MILLIS = 86_400_000d;

    private final long now;

    Freshness(long nowMillis) {
        this.now = nowMillis;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        NumericDocValues created = DocValues.getNumeric(ctx.reader(), Fields.CREATED);
        NumericDocValues likes = DocValues.getNumeric(ctx.reader(), Fields.LIKES);
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                double ageDays = created.advanceExact(doc) ? Math.max(0, (now - created.longValue()) / DAY_MILLIS) : 0;
                long likeCount = likes.advanceExact(doc) ? Math.max(0, likes.longValue()) : 0;
                double recency = 0.8 + 0.2 * Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
                double liked = 1 + 0.08 * (Math.log1p(likeCount) / Math.log(2));
                value = recency * liked;
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(now);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Freshness f && f.now == now;
    }

    @Override
    public String toString() {
        return "freshness(" + now + ")";
    }
}
