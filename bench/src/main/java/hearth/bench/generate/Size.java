package hearth.bench.generate;

/**
 * How big a community to generate. The sizes are small (10k posts), medium (100k) and large (1M posts, 50k
 * members, 20k topics); tiny exists for the generator's own test.
 *
 * @param historyDays how far back the community's history goes
 */
public enum Size {
    TINY(150, 6, 120, 2_000, 10, 60),
    SMALL(1_000, 10, 500, 10_000, 30, 180),
    MEDIUM(10_000, 16, 4_000, 100_000, 120, 365),
    LARGE(50_000, 24, 20_000, 1_000_000, 400, 730);

    final int members;
    final int categories;
    final int topics;
    final int posts;
    final int events;
    final int historyDays;

    Size(int members, int categories, int topics, int posts, int events, int historyDays) {
        this.members = members;
        this.categories = categories;
        this.topics = topics;
        this.posts = posts;
        this.events = events;
        this.historyDays = historyDays;
    }

    public int posts() {
        return posts;
    }

    public static Size parse(String name) {
        try {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("size must be tiny, small, medium or large, not " + name);
        }
    }
}
