package hearth.server.questions;

import static hearth.server.db.schema.tables.Posts.POSTS;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.TopicReader;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Accepting an answer: {@code POST /p/<id>/accept} and {@code /p/<id>/unaccept} from the topic page (back to the
 * post), and {@code POST}/{@code DELETE /api/v1/posts/<id>/accept}.
 */
public final class AnswerPages implements Routes {

    private final Database db;
    private final AcceptedAnswers answers;
    private final TopicReader reader;

    public AnswerPages(Database db, AcceptedAnswers answers, TopicReader reader) {
        this.db = db;
        this.answers = answers;
        this.reader = reader;
    }

    @Override
    public void mount(Router router) {
        router.post("/p/:id/accept").handler(ctx -> page(ctx, true));
        router.post("/p/:id/unaccept").handler(ctx -> page(ctx, false));
        router.post("/api/v1/posts/:id/accept").handler(ctx -> api(ctx, true));
        router.delete("/api/v1/posts/:id/accept").handler(ctx -> api(ctx, false));
    }

    private void page(RoutingContext ctx, boolean accept) {
        Viewer viewer = Viewer.required(ctx);
        long postId = Forms.pathId(ctx, "id", "post");
        answers.set(viewer, postId, accept)
                .compose(done -> db.read(sql -> {
                    TopicReader.Topic topic = reader.require(sql, done.topicId());
                    int number = sql.select(POSTS.POST_NUMBER).from(POSTS).where(POSTS.ID.eq(postId))
                            .fetchSingle(POSTS.POST_NUMBER);
                    return topic.path() + "?page=" + reader.pageOf(sql, topic.id(), number) + "#post-" + number;
                }))
                .onSuccess(location -> Pages.redirect(ctx, location))
                .onFailure(ctx::fail);
    }

    private void api(RoutingContext ctx, boolean accept) {
        Viewer viewer = Viewer.required(ctx);
        long postId = Forms.pathId(ctx, "id", "post");
        Json.respond(ctx, 200, answers.set(viewer, postId, accept).map(done -> new JsonObject()
                .put("topicId", done.topicId()).put("postId", done.postId())
                .put("accepted", done.acceptedPostId() == done.postId())
                .put("acceptedPostId", done.acceptedPostId() == 0 ? null : done.acceptedPostId())));
    }
}
