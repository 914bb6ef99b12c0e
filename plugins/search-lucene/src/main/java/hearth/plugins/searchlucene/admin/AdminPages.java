package hearth.plugins.searchlucene.admin;

import hearth.api.Contributions;
import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.searchlucene.index.Rebuilds;
import hearth.plugins.searchlucene.log.SearchLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin section, {@code /admin/x/search-lucene/}: the index's state, the rebuild button and its progress (the
 * page polls a fragment while a rebuild runs), and the search log. The log is also JSON, for moderators and admins
 * (permission {@value #READ_LOG}), at {@code /api/v1/x/search-lucene/log}.
 */
public final class AdminPages {

    /** The permission to read the search log. */
    public static final String READ_LOG = "search-lucene.read-log";
    static final List<Integer> PERIODS = List.of(1, 7, 30, 90, 365);
    static final int ROWS = 50;

    private final Rebuilds rebuilds;
    private final SearchLog log;
    private final Permissions permissions;

    private AdminPages(Rebuilds rebuilds, SearchLog log, Permissions permissions) {
        this.rebuilds = rebuilds;
        this.log = log;
        this.permissions = permissions;
    }

    public static void contribute(Contributions site, Rebuilds rebuilds, SearchLog log) {
        AdminPages pages = new AdminPages(rebuilds, log, site.context().permissions());
        site.adminSection("Search")
                .get("/", pages::page)
                .get("/progress", pages::progress)
                .post("/rebuild", pages::rebuild);
        site.pages().get("/api/log", pages::logJson);
    }

    private PageResponse page(PageRequest request) {
        int days = days(request);
        Map<String, Object> model = new HashMap<>();
        model.put("status", rebuilds.status());
        model.put("days", days);
        model.put("periods", PERIODS);
        model.put("top", log.top(Duration.ofDays(days), ROWS));
        model.put("zero", log.zeroResults(Duration.ofDays(days), ROWS));
        model.put("done", request.query("done").orElse(""));
        return PageResponse.page("search-lucene::admin", model);
    }

    private PageResponse progress(PageRequest request) {
        return PageResponse.page("search-lucene::progress", Map.of("status", rebuilds.status()));
    }

    private PageResponse rebuild(PageRequest request) {
        boolean started = rebuilds.start("an admin asked");
        return PageResponse.redirect("/admin/x/search-lucene/?done=" + (started ? "started" : "running"));
    }

    private PageResponse logJson(PageRequest request) {
        permissions.require(request.viewer(), READ_LOG, Scope.site(), "Only moderators and admins read the search log.");
        int days = days(request);
        return PageResponse.json(Map.of("days", days,
                "top", log.top(Duration.ofDays(days), ROWS),
                "zeroResults", log.zeroResults(Duration.ofDays(days), ROWS)));
    }

    private static int days(PageRequest request) {
        String raw = request.query("days").orElse("7").strip();
        try {
            int days = Integer.parseInt(raw);
            if (PERIODS.contains(days)) {
                return days;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInput("days", "days must be one of " + PERIODS + ".");
    }
}
