package hearth.server.messages;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Json;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Private conversations in JSON: {@code GET /api/v1/messages} lists the member's, {@code POST /api/v1/messages} with
 * {@code {"to": ["username", ...], "title", "body"}} starts one. A conversation is read and answered through
 * {@code /api/v1/topics/{id}}, where only its participants find it.
 */
public final class MessageApi implements Routes {

    private final Database db;
    private final Conversations conversations;

    public MessageApi(Database db, Conversations conversations) {
        this.db = db;
        this.conversations = conversations;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/messages").handler(this::list);
        router.post("/api/v1/messages").handler(this::start);
    }

    private void list(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Json.respond(ctx, 200, db.read(sql -> {
            JsonArray list = new JsonArray();
            conversations.list(sql, viewer.memberId(), MessagePages.LIST_SIZE).forEach(c -> list.add(json(c)));
            return new JsonObject().put("conversations", list);
        }));
    }

    private void start(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        JsonObject body = Json.body(ctx);
        Object to = body.getValue("to");
        String recipients;
        if (to instanceof JsonArray names) {
            recipients = String.join(",", names.stream().map(String::valueOf).toList());
        } else if (to == null || to instanceof String) {
            recipients = to == null ? "" : (String) to;
        } else {
            throw new InvalidInput("to", "Give \"to\" as a list of usernames.");
        }
        conversations.start(viewer, recipients, Json.string(body, "title"), Json.string(body, "body"))
                .compose(started -> db.read(sql -> conversations.list(sql, viewer.memberId(), MessagePages.LIST_SIZE)
                        .stream().filter(c -> c.topicId() == started.topicId()).findFirst().orElseThrow()))
                .onSuccess(summary -> Json.send(ctx, 201, json(summary)))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(Conversations.Summary c) {
        return new JsonObject()
                .put("id", c.topicId())
                .put("title", c.title())
                .put("with", new JsonArray(List.copyOf(c.with())))
                .put("posts", c.posts())
                .put("unread", c.unread())
                .put("lastPostedAt", c.lastPostedAt().toString())
                .put("url", c.url());
    }
}
