package hearth.api.search;

import java.util.List;
import java.util.Optional;

/**
 * A page of hits.
 *
 * @param hits       the hits on this page, best first
 * @param total      how many hits there are in all (an estimate is fine)
 * @param didYouMean a corrected query to offer when there were few hits, or empty; since 1.2.0
 */
public record SearchResults(List<SearchHit> hits, long total, Optional<String> didYouMean) {

    public SearchResults {
        hits = List.copyOf(hits);
        didYouMean = didYouMean == null ? Optional.empty() : didYouMean;
    }

    /** Hits with no suggestion (the 1.0 form). */
    public SearchResults(List<SearchHit> hits, long total) {
        this(hits, total, Optional.empty());
    }
}
