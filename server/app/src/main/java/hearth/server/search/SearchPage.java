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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The search page, {@code /search?q=…&page=N}: a form, then the hits, twenty a page. */
final class SearchPage {

    static final int PER_PAGE = 20;
    static final int MAX_PAGE = SearchInput.MAX_OFFSET / PER_PAGE + 1;

    /** A hit as the page lists it. */
    public record HitRow(String url, String title, String snippet, Instant postedAt) {
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
        pages.respond(ctx, "search", search.search(query)
                .map(answer -> model(text, page, answer)));
    }

    private static Map<String, Object> model(String text, int page, SiteSearch.Answer answer) {
        List<HitRow> hits = answer.results().hits().stream().map(SearchPage::row).toList();
        long total = answer.results().total();
        Map<String, Object> model = new HashMap<>();
        model.put("q", text);
        model.put("searched", true);
        model.put("hits", hits);
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

    private static HitRow row(SearchHit hit) {
        // Topic pages come later at /t/<id>; the fragment names the post.
        return new HitRow("/t/" + hit.topicId() + "#post-" + hit.postNumber(), hit.title(), hit.snippet(), hit.postedAt());
    }

    private static String url(String text, int page) {
        return "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + (page > 1 ? "&page=" + page : "");
    }
}
