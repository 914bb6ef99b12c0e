package hearth.api.search;

import hearth.api.views.MemberView;
import java.util.Optional;

/**
 * One search.
 *
 * @param text   what the person typed, trimmed, never blank
 * @param viewer who searches (empty: anonymous), to leave out what they may not see
 * @param offset how many hits to skip (paging)
 * @param limit  how many hits to return at most
 */
public record SearchQuery(String text, Optional<MemberView> viewer, int offset, int limit) {
}
