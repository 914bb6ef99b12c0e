package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /admin/tags}: admins create, describe, rename and delete tags and choose who creates them; nobody else. */
class TagAdminTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Browser admin;
    static long general;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        forum.member("Agrimony", false);
        forum.execute("UPDATE members SET role = 'admin' WHERE username_key = 'agrimony'");
        admin = forum.logIn("Agrimony");
        general = forum.number("SELECT id FROM categories WHERE name = 'General'");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static long tagId(String name) {
        return forum.number("SELECT id FROM tags WHERE name = ?", name);
    }

    @Test
    void adminsCreateDescribeRenameAndDeleteTags() {
        HttpResponse<String> created = admin.submit("/admin/tags", "/admin/tags",
                Map.of("name", "Compost", "description", "Heaps, bins and worms"));
        assertEquals(303, created.statusCode(), created.body());
        long id = tagId("compost");
        assertTrue(id > 0, "stored lower-case");
        assertTrue(site.get("/tags").body().contains("Heaps, bins and worms"));

        HttpResponse<String> twice = admin.submit("/admin/tags", "/admin/tags", Map.of("name", "compost",
                "description", ""));
        assertEquals(400, twice.statusCode());
        assertTrue(twice.body().contains("id=\"name-error\""), twice.body());
        assertTrue(twice.body().contains("There is already a tag &quot;compost&quot;."), twice.body());
        HttpResponse<String> bad = admin.submit("/admin/tags", "/admin/tags", Map.of("name", "no spaces please",
                "description", ""));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"name-error\""));

        HttpResponse<String> renamed = admin.submit("/admin/tags", "/admin/tags/" + id,
                Map.of("name", "composting", "description", "Making compost"));
        assertEquals(303, renamed.statusCode(), renamed.body());
        assertEquals("composting", forum.text("SELECT name FROM tags WHERE id = ?", id));
        admin.submit("/admin/tags", "/admin/tags", Map.of("name", "mulch", "description", ""));
        HttpResponse<String> clash = admin.submit("/admin/tags", "/admin/tags/" + id,
                Map.of("name", "mulch", "description", ""));
        assertEquals(400, clash.statusCode());
        assertTrue(clash.body().contains("id=\"name-" + id + "-error\""), clash.body());

        Browser author = forum.member("Woodruff", false);
        HttpResponse<String> topic = author.json("POST", "/api/v1/topics", new JsonObject().put("categoryId", general)
                .put("title", "Cold composting").put("body", "Slow, but it works in the end.")
                .put("tags", new JsonArray().add("composting")).encode());
        assertEquals(201, topic.statusCode(), topic.body());
        assertEquals(303, admin.submit("/admin/tags", "/admin/tags/" + id + "/delete", Map.of()).statusCode());
        assertEquals(0, forum.number("SELECT COUNT(*) FROM tags WHERE id = ?", id));
        assertEquals(0, forum.number("SELECT COUNT(*) FROM topic_tags WHERE tag_id = ?", id));
        assertEquals(404, admin.submit("/admin/tags", "/admin/tags/" + id + "/delete", Map.of()).statusCode());
    }

    @Test
    void membersAndVisitorsAreRefused() {
        Browser member = forum.member("Sweetcicely", false);
        assertEquals(403, member.get("/admin/tags").statusCode());
        assertEquals(403, member.submit("/tags", "/admin/tags", Map.of("name", "sneaky", "description", ""))
                .statusCode());
        assertEquals(403, member.submit("/tags", "/admin/tags/mode", Map.of("mode", "free")).statusCode());
        assertEquals(0, forum.number("SELECT COUNT(*) FROM tags WHERE name = 'sneaky'"));
        HttpResponse<String> visitor = new Browser(site).get("/admin/tags");
        assertEquals(303, visitor.statusCode());
        assertTrue(visitor.headers().firstValue("Location").orElseThrow().startsWith("/login"));
    }

    @Test
    void inAdminOnlyModeMembersUseOnlyExistingTags() {
        admin.submit("/admin/tags", "/admin/tags", Map.of("name", "seeds", "description", "Saving and sowing"));
        HttpResponse<String> badMode = admin.submit("/admin/tags", "/admin/tags/mode", Map.of("mode", "anarchy"));
        assertEquals(400, badMode.statusCode());
        assertTrue(badMode.body().contains("id=\"mode-error\""), badMode.body());
        assertEquals(303, admin.submit("/admin/tags", "/admin/tags/mode", Map.of("mode", "admin-only")).statusCode());
        try {
            assertEquals("admin-only", new JsonObject(site.get("/api/v1/tags").body()).getString("mode"));
            Browser member = forum.member("Purslane", false);
            HttpResponse<String> refused = member.submit("/new-topic", "/new-topic", Map.of("categoryId",
                    String.valueOf(general), "title", "Saving tomato seed", "body", "Ferment them first, I read.",
                    "tags", "seeds, tomatoes"));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("There is no tag &quot;tomatoes&quot; here"), refused.body());
            assertEquals(0, forum.number("SELECT COUNT(*) FROM tags WHERE name = 'tomatoes'"));
            HttpResponse<String> api = member.json("POST", "/api/v1/topics", new JsonObject()
                    .put("categoryId", general).put("title", "Saving bean seed")
                    .put("body", "Let the pods dry on the plant.").put("tags", new JsonArray().add("beans")).encode());
            assertEquals(400, api.statusCode());
            assertEquals("tags", new JsonObject(api.body()).getString("field"));

            HttpResponse<String> allowed = member.submit("/new-topic", "/new-topic", Map.of("categoryId",
                    String.valueOf(general), "title", "Saving tomato seed", "body", "Ferment them first, I read.",
                    "tags", "seeds"));
            assertEquals(303, allowed.statusCode(), allowed.body());
        } finally {
            admin.submit("/admin/tags", "/admin/tags/mode", Map.of("mode", "free"));
        }
        assertEquals("free", new JsonObject(site.get("/api/v1/tags").body()).getString("mode"));
    }
}
