package hearth.plugins.searchlucene.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A search as typed, taken apart: the words and phrases to match, what to leave out, and the filters.
 *
 * @param words      single words to match (all of them)
 * @param phrases    "exact phrases" to match
 * @param excluded   -words and -"phrases" that must not appear
 * @param author     {@code @username}
 * @param category   {@code #category-slug}
 * @param tags       {@code tag:x}, all of them
 * @param titleOnly  {@code in:title}
 * @param status     {@code status:solved|unsolved|open|closed}
 * @param after      {@code after:YYYY-MM-DD}, inclusive from that day's start (UTC)
 * @param before     {@code before:YYYY-MM-DD}, exclusive from that day's start (UTC)
 * @param order      {@code order:relevance|latest|likes}
 */
public record ParsedQuery(List<String> words, List<String> phrases, List<String> excluded, Optional<String> author,
                          Optional<String> category, List<String> tags, boolean titleOnly, Optional<String> status,
                          Optional<Instant> after, Optional<Instant> before, Order order) {

    /** How hits are sorted. */
    public enum Order { RELEVANCE, LATEST, LIKES }

    public ParsedQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        excluded = List.copyOf(excluded);
        tags = List.copyOf(tags);
    }

    /** Whether there is text to match, rather than filters only. */
    public boolean hasText() {
        return !words.isEmpty() || !phrases.isEmpty();
    }

    /** The words and phrases as one text, e.g. to compare with a title. */
    public String text() {
        return String.join(" ", java.util.stream.Stream.concat(words.stream(), phrases.stream()).toList());
    }
}
