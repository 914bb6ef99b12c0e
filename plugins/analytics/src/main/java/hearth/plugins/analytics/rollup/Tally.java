package hearth.plugins.analytics.rollup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A count per key, keys ascending (members and their posts, minutes and the topics answered in them): merging
 * sorted arrays is what lets a year of days be added up without a hash map or the database's GROUP BY.
 *
 * @param keys   distinct, ascending
 * @param counts the count of each key, in the same order
 */
public record Tally(long[] keys, long[] counts) {

    public static final Tally EMPTY = new Tally(new long[0], new long[0]);

    public Tally {
        if (keys.length != counts.length) {
            throw new IllegalArgumentException("A tally needs one count per key");
        }
    }

    /** The tally of {@code values}, each counted once. */
    public static Tally of(long... values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        Builder builder = new Builder(sorted.length);
        for (long value : sorted) {
            builder.add(value, 1);
        }
        return builder.build();
    }

    /** All the tallies added up, merged pairwise so each key is touched about log2(n) times. */
    public static Tally sum(List<Tally> tallies) {
        if (tallies.isEmpty()) {
            return EMPTY;
        }
        List<Tally> level = tallies;
        while (level.size() > 1) {
            List<Tally> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).plus(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.getFirst();
    }

    /** This tally and {@code other} added up. */
    public Tally plus(Tally other) {
        Builder merged = new Builder(keys.length + other.keys.length);
        int i = 0;
        int j = 0;
        while (i < keys.length || j < other.keys.length) {
            if (j == other.keys.length || i < keys.length && keys[i] < other.keys[j]) {
                merged.add(keys[i], counts[i++]);
            } else if (i == keys.length || other.keys[j] < keys[i]) {
                merged.add(other.keys[j], other.counts[j++]);
            } else {
                merged.add(keys[i], counts[i++] + other.counts[j++]);
            }
        }
        return merged.build();
    }

    /** How many keys. */
    public int size() {
        return keys.length;
    }

    /** The sum of the counts. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The key at rank ⌈p·n⌉ of all n counted values in order (nearest rank); null when nothing was counted. */
    public Long rank(double p) {
        long total = total();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < keys.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return keys[i];
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total);
    }

    /** Appends keys in ascending order. */
    public static final class Builder {

        private long[] keys;
        private long[] counts;
        private int size;

        public Builder(int capacity) {
            keys = new long[Math.max(capacity, 4)];
            counts = new long[keys.length];
        }

        /** Adds {@code count} to {@code key}, which must not be below the last key added. */
        public Builder add(long key, long count) {
            if (size > 0 && keys[size - 1] == key) {
                counts[size - 1] += count;
                return this;
            }
            if (size > 0 && key < keys[size - 1]) {
                throw new IllegalArgumentException("Keys must come in ascending order: " + key + " after "
                        + keys[size - 1]);
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            keys[size] = key;
            counts[size++] = count;
            return this;
        }

        public Tally build() {
            return new Tally(Arrays.copyOf(keys, size), Arrays.copyOf(counts, size));
        }
    }
}
