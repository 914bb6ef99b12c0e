package hearth.server.search;

import hearth.api.errors.InvalidInput;
import hearth.api.search.SearchHit;
import hearth.api.search.SearchQuery;
import hearth.server.accounts.Viewer;
import hearth.server.web.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/search?q=&offset=&limit=}: the site search in JSON, with the same rules as the page. */
final class SearchApi {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;

    private final SiteSearch search;

    SearchApi(SiteSearch search) {
        this.search = search;
    }

    void search(RoutingContext ctx) {
        String text = SearchInput.text(ctx.request().getParam("q"));
        if (text.isEmpty()) {
            throw new InvalidInput("q", "Say what to search for in q.");
        }
        int offset = SearchInput.number(ctx.request().getParam("offset"), "offset", 0, SearchInput.MAX_OFFSET, 0);
        int limit = SearchInput.number(ctx.request().getParam("limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        SearchQuery query = new SearchQuery(text, Viewer.of(ctx).map(Viewer::asMemberView), offset, limit);
        Json.respond(ctx, 200, search.search(query)
                .map(SearchApi::json));
    }

    private static JsonObject json(SiteSearch.Answer answer) {
        JsonArray hits = new JsonArray();
        for (SearchHit hit : answer.results().hits()) {
            hits.add(new JsonObject()
                    .put("topicId", hit.topicId())
                    .put("postNumber", hit.postNumber())
                    .put("title", hit.title())
                    .put("snippet", hit.snippet())
                    .put("postedAt", hit.postedAt() == null ? null : hit.postedAt().toString())
                    .put("type", hit.kind())
                    .put("url", hit.url())
                    .put("marks", marks(hit)));
        }
        return new JsonObject().put("hits", hits).put("total", answer.results().total())
                .put("provider", answer.provider())
                .put("didYouMean", answer.results().didYouMean().orElse(null));
    }

    private static JsonArray marks(SearchHit hit) {
        JsonArray marks = new JsonArray();
        for (SearchHit.Mark mark : hit.marks()) {
            marks.add(new JsonArray().add(mark.start()).add(mark.end()));
        }
        return marks;
    }
}
