package hearth.plugins.moderation.members;

import hearth.plugins.moderation.TimelineItem;
import hearth.plugins.moderation.TimelineSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A member's timeline for staff: every source's items in one list, newest first, a page at a time. Each source gives
 * its newest items up to the end of the page asked for, so merging them gives that page exactly.
 */
final class Timeline {

    static final int PAGE_SIZE = 50;
    /** Deeper pages would ask every source for thousands of rows; the audit log goes further back. */
    static final int MAX_PAGE = 20;

    /** One page; templates and the JSON API read the components. */
    public record Page(List<TimelineItem> items, int page, boolean more) {
    }

    private final List<TimelineSource> sources;

    Timeline(List<TimelineSource> sources) {
        this.sources = List.copyOf(sources);
    }

    Page of(long memberId, int page) {
        int number = Math.clamp(page, 0, MAX_PAGE);
        int end = (number + 1) * PAGE_SIZE;
        List<TimelineItem> merged = sources.stream()
                .flatMap(source -> source.about(memberId, end + 1).stream())
                .sorted(Comparator.comparing(TimelineItem::at).reversed())
                .toList();
        int from = Math.min(number * PAGE_SIZE, merged.size());
        return new Page(merged.subList(from, Math.min(end, merged.size())), number,
                merged.size() > end && number < MAX_PAGE);
    }

    /** The page number in a query string; anything else is the first page. */
    static int page(Optional<String> query) {
        try {
            return query.map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
