package hearth.server.plugins;

import static hearth.server.plugins.TestPlugins.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.plugins.fixtures.PostDecorator;
import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's parts on the topic page (post.actions, topic.sidebar) and its content guard on replies. */
class TopicSlotsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    @BeforeAll
    static void start() throws SQLException {
        // The demo's categories exist from the start (caches of category settings know them).
        site = TestSite.start(dataDir);
        Members.signUp(site, "Founder");
        execute("UPDATE members SET email_verified_at = created_at, role = 'admin' WHERE username_key = 'founder'");
        admin = Members.logIn(site, "Founder");
        assertEquals(303, PluginAdmins.install(admin, plugin("post-decorator", PostDecorator.class).bytes())
                .statusCode());
        assertEquals(303, PluginAdmins.press(admin, "post-decorator", "enable").statusCode());
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = site.database().connect(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    static long general() throws SQLException {
        try (Connection c = site.database().connect(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT id FROM categories WHERE name = 'General'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void pluginPartsShowOnTheTopicPageAndItsGuardRefusesReplies() throws SQLException {
        HttpResponse<String> started = admin.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general()).put("title", "Raised beds").put("body", "Wood or metal, what lasts?").encode());
        assertEquals(201, started.statusCode(), started.body());
        JsonObject topic = new JsonObject(started.body());
        String page = admin.get(topic.getString("url")).body();
        assertTrue(page.contains("<span class=\"decorated\">post 1 by " + topic.getLong("authorId") + "</span>"),
                page);
        assertTrue(page.contains("About: Raised beds"));

        Members.signUp(site, "Gardener");
        execute("UPDATE members SET email_verified_at = created_at WHERE username_key = 'gardener'");
        Browser member = Members.logIn(site, "Gardener");
        String path = topic.getString("url");
        HttpResponse<String> rejected = member.submit(path, path + "/reply",
                Map.of("body", "This has a forbidden-word in it."));
        assertEquals(400, rejected.statusCode());
        assertTrue(rejected.body().contains("No forbidden words, please."));
        HttpResponse<String> held = member.submit(path, path + "/reply", Map.of("body", "Please hold-me for review."));
        assertEquals(303, held.statusCode(), "saved, waiting for a moderator");
        assertTrue(member.get(held.headers().firstValue("Location").orElseThrow()).body()
                .contains("This post is waiting for a moderator's approval."));
        assertFalse(site.get(path).body().contains("Please hold-me for review."), "visitors do not see it");
        java.time.Instant earlier = java.time.Instant.now().minusSeconds(60); // past the posting pace
        hearth.server.testing.Sql.change(site.database(), "UPDATE posts SET created_at = ? WHERE created_at > ?",
                earlier, earlier);
        assertEquals(303, member.submit(path, path + "/reply", Map.of("body", "Metal lasts longer here."))
                .statusCode());
    }
}
