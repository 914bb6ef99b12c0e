package hearth.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import hearth.server.db.EventCodec;
import hearth.server.db.Journal;
import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugins' read view of topics and posts never returns a private conversation or a topic not yet published. */
class HiddenTopicsViewTest {

    @TempDir
    Path dataDir;

    @Test
    void conversationsAndScheduledTopicsAreNotInThePluginsView() throws Exception {
        try (TestSite site = TestSite.start(dataDir)) {
            Browser author = Members.signUp(site, "Viewfinder");
            Members.signUp(site, "Lens");
            Sql.execute(site.database(), "UPDATE members SET role = 'admin', email_verified_at = created_at, "
                    + "created_at = '2001-01-01 00:00:00' WHERE username_key IN ('viewfinder', 'lens')");
            author = Members.logIn(site, "Viewfinder");
            HttpResponse<String> conversation = author.json("POST", "/api/v1/messages", new JsonObject()
                    .put("to", "lens").put("title", "Between the two of us").put("body", "Plugins must not see this.")
                    .encode());
            assertEquals(201, conversation.statusCode(), conversation.body());
            long conversationId = new JsonObject(conversation.body()).getLong("id");
            long general = Sql.number(site.database(), "SELECT id FROM categories WHERE name = 'General'");
            // Lens schedules the topic: conversations and topics share one pace per member.
            HttpResponse<String> scheduled = Members.logIn(site, "Lens").json("POST", "/api/v1/topics", new JsonObject()
                    .put("categoryId", general).put("title", "Not out yet").put("body", "Plugins must wait for this.")
                    .put("publishAt", "2999-01-01T00:00:00Z").encode());
            assertEquals(201, scheduled.statusCode(), scheduled.body());
            long scheduledId = new JsonObject(scheduled.body()).getLong("id");
            long publicId = Sql.number(site.database(), "SELECT MIN(id) FROM topics WHERE category_id IS NOT NULL");

            Vertx vertx = Vertx.vertx();
            Database db = Database.open(new HearthConfig.Db(site.database().directUrl(), site.database().user(), "",
                    2), vertx, new Journal(new EventCodec(), Clock.systemUTC()));
            try {
                CoreViews views = new CoreViews(db, Clock.systemUTC());
                assertTrue(views.topic(publicId).isPresent());
                assertEquals(Optional.empty(), views.topic(conversationId));
                assertEquals(Optional.empty(), views.topic(scheduledId));
                for (long topic : new long[] {conversationId, scheduledId}) {
                    long post = Sql.number(site.database(), "SELECT id FROM posts WHERE topic_id = " + topic);
                    assertEquals(Optional.empty(), views.post(post));
                }
            } finally {
                db.close();
                vertx.close().await();
            }
        }
    }
}
