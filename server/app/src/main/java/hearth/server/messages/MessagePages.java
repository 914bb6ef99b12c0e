package hearth.server.messages;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The member's conversations at {@code /messages} and the form that starts one at {@code /messages/new}
 * ({@code ?to=<username>} fills in the recipient). The conversation itself is an ordinary topic page.
 */
public final class MessagePages implements Routes {

    static final int LIST_SIZE = 100;

    private final Database db;
    private final Pages pages;
    private final Conversations conversations;

    public MessagePages(Database db, Pages pages, Conversations conversations) {
        this.db = db;
        this.pages = pages;
        this.conversations = conversations;
    }

    @Override
    public void mount(Router router) {
        router.get("/messages").handler(this::list);
        router.get("/messages/new").handler(this::form);
        router.post("/messages/new").handler(this::start);
    }

    private void list(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        pages.respond(ctx, "messages", db.read(sql -> Map.of(
                "conversations", conversations.list(sql, viewer.memberId(), LIST_SIZE))));
    }

    private void form(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        List<String> to = ctx.queryParam("to");
        pages.show(ctx, 200, "new-message", model(viewer, Map.of("to", to.isEmpty() ? "" : to.getFirst())));
    }

    private void start(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Map<String, String> values = new HashMap<>();
        for (String name : List.of("to", "title", "body")) {
            values.put(name, Forms.field(ctx, name));
        }
        conversations.start(viewer, values.get("to"), values.get("title"), values.get("body"))
                .onSuccess(started -> Pages.redirect(ctx, started.location()))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, viewer, values, invalid)));
    }

    private void showAgain(RoutingContext ctx, Viewer viewer, Map<String, String> values, InvalidInput invalid) {
        pages.showErrors(ctx, "new-message", model(viewer, values), invalid);
    }

    private Map<String, Object> model(Viewer viewer, Map<String, String> values) {
        Map<String, Object> model = new HashMap<>();
        model.put("values", values);
        model.put("errors", Map.of());
        conversations.whyNot(viewer).ifPresent(reason -> model.put("whyNot", reason));
        return model;
    }
}
