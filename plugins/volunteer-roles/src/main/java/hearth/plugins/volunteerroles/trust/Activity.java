package hearth.plugins.volunteerroles.trust;

import java.util.Map;

/** What a member did over a period, by measure, as trust levels count it. */
public record Activity(Map<String, Integer> counts) {

    public static final String DAYS_VISITED = "days-visited";
    public static final String READING_MINUTES = "reading-minutes";
    public static final String TOPICS_ENTERED = "topics-entered";
    public static final String POSTS_READ = "posts-read";
    public static final String LIKES_GIVEN = "likes-given";
    public static final String LIKES_RECEIVED = "likes-received";
    public static final String REPLIES = "replies";
    public static final String FLAGS_AGAINST = "flags-against";

    private static final Map<String, String> LABELS = Map.of(DAYS_VISITED, "days visited",
            READING_MINUTES, "minutes spent reading", TOPICS_ENTERED, "topics entered", POSTS_READ, "posts read",
            LIKES_GIVEN, "likes given", LIKES_RECEIVED, "likes received", REPLIES, "replies",
            FLAGS_AGAINST, "posts flagged");

    public Activity {
        counts = Map.copyOf(counts);
    }

    public int get(String measure) {
        return counts.getOrDefault(measure, 0);
    }

    /** The measure as people read it, e.g. "days visited". */
    public static String label(String measure) {
        return LABELS.getOrDefault(measure, measure);
    }
}
