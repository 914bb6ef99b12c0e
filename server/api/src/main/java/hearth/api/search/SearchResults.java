package hearth.api.search;

import java.util.List;

/**
 * A page of hits.
 *
 * @param hits  the hits on this page, best first
 * @param total how many hits there are in all (an estimate is fine)
 */
public record SearchResults(List<SearchHit> hits, long total) {

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
