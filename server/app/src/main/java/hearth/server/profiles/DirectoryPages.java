package hearth.server.profiles;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.profiles.DirectoryQuery.Sort;
import hearth.api.errors.InvalidInput;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The member directory page, {@code /members}. */
public final class DirectoryPages implements Routes {

    private static final Map<Sort, String> SORT_LABELS = Map.of(Sort.JOINED, "Newest", Sort.POSTS, "Most posts",
            Sort.LIKES, "Most likes", Sort.LAST_SEEN, "Recently seen");

    private final Database db;
    private final Pages pages;
    private final MemberDirectory directory;

    public DirectoryPages(Database db, Pages pages, MemberDirectory directory) {
        this.db = db;
        this.pages = pages;
        this.directory = directory;
    }

    @Override
    public void mount(Router router) {
        router.get("/members").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        String sort = ctx.request().getParam("sort");
        String q = ctx.request().getParam("q");
        DirectoryQuery query;
        try {
            query = DirectoryQuery.parse(sort, q, ctx.request().getParam("page"));
        } catch (InvalidInput invalid) {
            Map<String, Object> model = new HashMap<>();
            model.put("q", q == null ? "" : q);
            model.put("sort", sort == null ? "" : sort);
            model.put("sorts", sorts(new DirectoryQuery(Sort.JOINED, "", 1)));
            pages.showErrors(ctx, "members", model, invalid);
            return;
        }
        pages.respond(ctx, "members", db.read(sql -> {
            Map<String, Object> model = new HashMap<>();
            model.put("page", directory.list(sql, Viewer.of(ctx), query));
            model.put("q", query.q());
            model.put("sort", query.sort().key());
            model.put("sorts", sorts(query));
            return model;
        }));
    }

    private static List<Map<String, Object>> sorts(DirectoryQuery query) {
        return List.of(Sort.values()).stream().map(s -> Map.<String, Object>of("key", s.key(),
                "label", SORT_LABELS.get(s), "url", query.url(s, 1), "current", s == query.sort())).toList();
    }
}
