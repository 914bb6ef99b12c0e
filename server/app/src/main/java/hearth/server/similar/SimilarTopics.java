package hearth.server.similar;

import static hearth.server.db.schema.tables.Topics.TOPICS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Topics whose titles share significant words with a title being typed, so people find an existing answer before
 * asking again. Significant: three or more letters or digits and not a stop word ("how", "the", "with"). Candidates
 * come from the database by a word match, newest first; they are ranked here by how many words they share.
 */
public final class SimilarTopics {

    public static final int MAX_RESULTS = 5;
    /** More words than this in a title only slow the query; the first ones say what it is about. */
    static final int MAX_WORDS = 8;
    private static final int CANDIDATES = 200;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can", "had", "has", "have", "her",
            "was", "one", "our", "out", "his", "how", "its", "may", "new", "now", "old", "see", "who", "why", "did",
            "does", "get", "got", "use", "using", "what", "when", "where", "which", "while", "with", "without",
            "this", "that", "these", "those", "there", "their", "them", "then", "than", "they", "from", "into",
            "about", "after", "before", "over", "under", "should", "would", "could", "will", "just", "some", "more",
            "most", "very", "also", "been", "being", "were", "here", "help", "need", "anyone", "someone", "way",
            "best", "good", "question", "problem", "issue", "thanks", "please");

    /** A topic with a similar title; {@code shared} counts the significant words in common. */
    public record Match(long id, String slug, String title, int shared) {

        public String url() {
            return "/t/" + slug + "/" + id;
        }
    }

    /** The significant words of a title, lower-cased, each once, at most {@link #MAX_WORDS}. */
    public static List<String> significantWords(String title) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : NON_WORD.split(title == null ? "" : title.toLowerCase(Locale.ROOT))) {
            if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
            if (words.size() == MAX_WORDS) {
                break;
            }
        }
        return List.copyOf(words);
    }

    /** Up to {@link #MAX_RESULTS} topics in {@code visible} categories with titles like {@code title}. */
    public List<Match> find(DSLContext sql, String title, Set<Long> visible) {
        List<String> words = significantWords(title);
        if (words.isEmpty() || visible.isEmpty()) {
            return List.of();
        }
        // Words hold only letters and digits, so they need no escaping inside LIKE.
        Condition anyWord = DSL.or(words.stream().map(w -> DSL.lower(TOPICS.TITLE).like("%" + w + "%")).toList());
        var candidates = sql.select(TOPICS.ID, TOPICS.SLUG, TOPICS.TITLE).from(TOPICS)
                .where(TOPICS.CATEGORY_ID.in(visible), anyWord)
                .orderBy(TOPICS.LAST_POSTED_AT.desc(), TOPICS.ID.desc()).limit(CANDIDATES).fetch();
        List<Match> matches = new ArrayList<>();
        Set<String> wanted = Set.copyOf(words);
        for (var row : candidates) {
            // LIKE also matched inside longer words ("pot" in "potato"): count whole words only.
            int shared = (int) significantWords(row.value3()).stream().filter(wanted::contains).count();
            if (shared > 0) {
                matches.add(new Match(row.value1(), row.value2(), row.value3(), shared));
            }
        }
        // Stable sort: among equals the newer activity (the query's order) comes first.
        matches.sort(Comparator.comparingInt(Match::shared).reversed());
        return List.copyOf(matches.subList(0, Math.min(MAX_RESULTS, matches.size())));
    }
}
