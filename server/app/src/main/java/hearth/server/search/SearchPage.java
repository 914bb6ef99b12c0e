package hearth.server.search;

import hearth.api.errors.InvalidInput;
import hearth.api.search.SearchHit;
import hearth.api.search.SearchQuery;
import hearth.server.accounts.Viewer;
import hearth.server.web.Pages;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The search page, {@code /search?q=…&page=N}: a form, then the hits, twenty a page. */
final class SearchPage {

    static final int PER_PAGE = 20;
    static final int MAX_PAGE = SearchInput.MAX_OFFSET / PER_PAGE + 1;

    /** A hit as the page lists it: its snippet in parts, the matched ones highlighted. */
    public record HitRow(String url, String title, List<Part> parts, Instant postedAt) {
    }

    /** A piece of a snippet; {@code marked} when it matched the search. */
    public record Part(String text, boolean marked) {
    }

    /** The hits of one kind on this page (topics, posts, events, members), in the order found. */
    public record Group(String kind, String heading, List<HitRow> hits) {
    }

    /** The order and headings of the groups. */
    private static final Map<String, String> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put(SearchHit.TOPIC, "Topics");
        HEADINGS.put(SearchHit.POST, "Posts");
        HEADINGS.put(SearchHit.EVENT, "Events");
        HEADINGS.put(SearchHit.MEMBER, "Members");
    }

    private final Pages pages;
    private final SiteSearch search;

    SearchPage(Pages pages, SiteSearch search) {
        this.pages = pages;
        this.search = search;
    }

    void show(RoutingContext ctx) {
        String q = ctx.request().getParam("q");
        String text;
        int page;
        try {
            text = SearchInput.text(q);
            page = SearchInput.number(ctx.request().getParam("page"), "page", 1, MAX_PAGE, 1);
        } catch (InvalidInput invalid) {
            pages.showErrors(ctx, "search", Map.of("q", q == null ? "" : q), invalid);
            return;
        }
        if (text.isEmpty()) {
            pages.show(ctx, 200, "search", Map.of("q", ""));
            return;
        }
        SearchQuery query = new SearchQuery(text, Viewer.of(ctx).map(Viewer::asMemberView), (page - 1) * PER_PAGE,
                PER_PAGE);
        search.search(query).map(answer -> model(text, page, answer)).onComplete(done -> {
            if (done.succeeded()) {
                pages.show(ctx, 200, "search", done.result());
            } else if (done.cause() instanceof InvalidInput invalid) { // the provider refused the query's syntax
                pages.showErrors(ctx, "search", Map.of("q", text), invalid);
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    private static Map<String, Object> model(String text, int page, SiteSearch.Answer answer) {
        List<HitRow> hits = answer.results().hits().stream().map(SearchPage::row).toList();
        long total = answer.results().total();
        Map<String, Object> model = new HashMap<>();
        model.put("q", text);
        model.put("searched", true);
        model.put("hits", hits);
        model.put("groups", groups(answer.results().hits()));
        answer.results().didYouMean().ifPresent(better -> {
            model.put("didYouMean", better);
            model.put("didYouMeanUrl", url(better, 1));
        });
        model.put("total", total);
        model.put("page", page);
        model.put("provider", answer.provider());
        if (page > 1) {
            model.put("previousUrl", url(text, page - 1));
        }
        if ((long) page * PER_PAGE < total && page < MAX_PAGE) {
            model.put("nextUrl", url(text, page + 1));
        }
        return model;
    }

    private static List<Group> groups(List<SearchHit> hits) {
        List<Group> groups = new ArrayList<>();
        HEADINGS.forEach((kind, heading) -> {
            List<HitRow> rows = hits.stream().filter(hit -> hit.kind().equals(kind)).map(SearchPage::row).toList();
            if (!rows.isEmpty()) {
                groups.add(new Group(kind, heading, rows));
            }
        });
        return groups;
    }

    private static HitRow row(SearchHit hit) {
        return new HitRow(hit.url(), hit.title(), parts(hit), hit.postedAt());
    }

    /** The snippet cut at its marks; marks out of range or overlapping (a provider's mistake) are left out. */
    static List<Part> parts(SearchHit hit) {
        String snippet = hit.snippet();
        List<Part> parts = new ArrayList<>();
        int at = 0;
        for (SearchHit.Mark mark : hit.marks()) {
            if (mark.start() < at || mark.end() <= mark.start() || mark.end() > snippet.length()) {
                continue;
            }
            if (mark.start() > at) {
                parts.add(new Part(snippet.substring(at, mark.start()), false));
            }
            parts.add(new Part(snippet.substring(mark.start(), mark.end()), true));
            at = mark.end();
        }
        if (at < snippet.length()) {
            parts.add(new Part(snippet.substring(at), false));
        }
        return parts;
    }

    private static String url(String text, int page) {
        return "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + (page > 1 ? "&page=" + page : "");
    }
}
