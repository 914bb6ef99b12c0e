package hearth.server.profiles;

import hearth.api.errors.InvalidInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request for a page of the member directory: how to sort, an optional name prefix, which page (from 1). */
public record DirectoryQuery(Sort sort, String q, int page) {

    public static final int MAX_PAGE = 100_000;
    public static final int Q_MAX = 60;

    /** The directory's orders; every one ends with the member id, so pages never overlap or skip. */
    public enum Sort {
        JOINED, POSTS, LIKES, LAST_SEEN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Sort> parse(String key) {
            for (Sort sort : values()) {
                if (sort.key().equals(key)) {
                    return Optional.of(sort);
                }
            }
            return Optional.empty();
        }
    }

    /** Reads the query parameters; absent ones take defaults (newest members first, page 1). */
    public static DirectoryQuery parse(String sort, String q, String page) {
        Map<String, String> errors = new LinkedHashMap<>();
        Sort parsedSort = sort == null || sort.isEmpty() ? Sort.JOINED : Sort.parse(sort).orElse(null);
        if (parsedSort == null) {
            errors.put("sort", "Sort by joined, posts, likes or last_seen.");
        }
        String prefix = q == null ? "" : q.strip();
        if (prefix.length() > Q_MAX) {
            errors.put("q", "Search for at most " + Q_MAX + " characters.");
        }
        int parsedPage = 1;
        if (page != null && !page.isEmpty()) {
            try {
                parsedPage = Integer.parseInt(page);
            } catch (NumberFormatException e) {
                parsedPage = -1;
            }
            if (parsedPage < 1 || parsedPage > MAX_PAGE) {
                errors.put("page", "Pages are numbered from 1 to " + MAX_PAGE + ".");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new DirectoryQuery(parsedSort, prefix, parsedPage);
    }

    /** The directory page's address for this query on another page or in another order. */
    public String url(Sort otherSort, int otherPage) {
        StringBuilder url = new StringBuilder("/members?sort=").append(otherSort.key());
        if (!q.isEmpty()) {
            url.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        if (otherPage > 1) {
            url.append("&page=").append(otherPage);
        }
        return url.toString();
    }
}
