package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Categories: the admin pages and API, nesting, order, deletion, and who sees what by each category's audiences. */
class CategoriesTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser member;
    static Browser moderator;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(dataDir, "--no-demo");
        admin = Members.signUp(site, "Founder");
        member = Members.signUp(site, "Wren");
        Members.signUp(site, "Tomas");
        Sql.execute(site.database(), "UPDATE members SET role = 'moderator' WHERE username_key = 'tomas'");
        moderator = Members.logIn(site, "Tomas");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static HttpResponse<String> create(String name, Map<String, String> more) {
        Map<String, String> form = new HashMap<>(Map.of("name", name, "description", name + " talk",
                "color", "#336699", "parentId", "0"));
        form.putAll(more);
        return admin.submit("/admin/categories", "/admin/categories", form);
    }

    static long id(String name) throws Exception {
        return Sql.number(site.database(), "SELECT id FROM categories WHERE name = '" + name + "'");
    }

    static void topicIn(String category, String title) throws Exception {
        long author = Sql.number(site.database(), "SELECT id FROM members WHERE username_key = 'founder'");
        Sql.execute(site.database(), "INSERT INTO topics (category_id, author_id, title, slug, created_at,"
                + " last_posted_at) VALUES (" + id(category) + ", " + author + ", '" + title + "', 'x',"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    @Test
    void adminsCreateNestAndReorderCategoriesWithEveryMistakeNamed() throws Exception {
        HttpResponse<String> bad = admin.submit("/admin/categories", "/admin/categories",
                Map.of("name", "", "description", "x".repeat(501), "color", "blue", "see", "robots"));
        assertEquals(400, bad.statusCode());
        for (String message : new String[] {"Give the category a name of 1 to 60 characters.",
                "Keep the description to 500 characters.", "Choose a colour as #rrggbb, e.g. #5b6ee1.",
                "Choose everyone, members, moderators or admins."}) {
            assertTrue(bad.body().contains(message), message + " in " + bad.body());
        }
        assertEquals(403, member.submit("/", "/admin/categories", Map.of("name", "Mine", "color", "#000000"))
                .statusCode());

        assertEquals(303, create("Garden", Map.of()).statusCode());
        assertEquals(303, create("Kitchen", Map.of()).statusCode());
        assertEquals(303, create("Seeds", Map.of("parentId", String.valueOf(id("Garden")))).statusCode());
        HttpResponse<String> tooDeep = create("Tomato seeds", Map.of("parentId", String.valueOf(id("Seeds"))));
        assertEquals(400, tooDeep.statusCode());
        assertTrue(tooDeep.body().contains("Categories nest one level: choose a top-level parent."));

        String list = admin.get("/admin/categories").body();
        assertTrue(list.indexOf(">Garden<") < list.indexOf(">Seeds<") && list.indexOf(">Seeds<") < list.indexOf(">Kitchen<"),
                "children follow their parent");
        assertEquals(303, admin.submit("/admin/categories", "/admin/categories/" + id("Kitchen") + "/move",
                Map.of("direction", "up")).statusCode());
        list = admin.get("/admin/categories").body();
        assertTrue(list.indexOf(">Kitchen<") < list.indexOf(">Garden<"), "Kitchen moved up");
        assertTrue(Sql.number(site.database(), "SELECT COUNT(*) FROM journal WHERE event_type LIKE '%CategoryChanged'")
                >= 4);
    }

    @Test
    void aCategoryShowsOnlyToItsAudienceAndSoDoItsTopicsAndSubcategories() throws Exception {
        assertEquals(303, create("Staff room", Map.of("see", "moderators")).statusCode());
        assertEquals(303, create("Rota", Map.of("parentId", String.valueOf(id("Staff room")))).statusCode());
        topicIn("Staff room", "Who covers Sunday");
        topicIn("Rota", "December rota");

        for (Browser outsider : new Browser[] {new Browser(site), member}) {
            String home = outsider.get("/").body();
            assertFalse(home.contains("Staff room") || home.contains("Who covers Sunday")
                    || home.contains("December rota"), home);
            String api = outsider.get("/api/v1/categories").body();
            assertFalse(api.contains("Staff room") || api.contains("Rota"), api);
        }
        String home = moderator.get("/").body();
        assertTrue(home.contains("Staff room") && home.contains("Who covers Sunday") && home.contains("December rota"));
        assertFalse(moderator.get("/api/v1/categories").body().contains("\"see\""), "audiences are for admins");
        assertTrue(admin.get("/api/v1/categories").body().contains("\"see\":\"moderators\""));

        HttpResponse<String> opened = admin.submit("/admin/categories/" + id("Staff room"),
                "/admin/categories/" + id("Staff room"), Map.of("name", "Staff room", "description", "",
                        "color", "#336699", "parentId", "0", "see", "members", "startTopic", "moderators",
                        "reply", "members"));
        assertEquals(303, opened.statusCode(), opened.body());
        assertTrue(member.get("/").body().contains("Who covers Sunday"), "the change applies at once");
        assertFalse(new Browser(site).get("/").body().contains("Who covers Sunday"));
    }

    @Test
    void deletingNeedsAPlaceForTheTopicsAndNoSubcategories() throws Exception {
        assertEquals(303, create("Old news", Map.of()).statusCode());
        assertEquals(303, create("Archive", Map.of()).statusCode());
        assertEquals(303, create("Old news 2019", Map.of("parentId", String.valueOf(id("Old news")))).statusCode());
        topicIn("Old news", "The 2019 harvest");
        String page = "/admin/categories/" + id("Old news");

        HttpResponse<String> parent = admin.submit(page, page + "/delete", Map.of("moveTo", ""));
        assertEquals(409, parent.statusCode());
        assertTrue(parent.body().contains("has subcategories: move or delete them first."), parent.body());
        String child = "/admin/categories/" + id("Old news 2019");
        assertEquals(303, admin.submit(child, child + "/delete", Map.of()).statusCode());

        HttpResponse<String> withTopics = admin.submit(page, page + "/delete", Map.of("moveTo", ""));
        assertEquals(400, withTopics.statusCode());
        assertTrue(withTopics.body().contains("has 1 topic(s): choose a category to move them to."));
        long archive = id("Archive");
        assertEquals(303, admin.submit(page, page + "/delete", Map.of("moveTo", String.valueOf(archive))).statusCode());
        assertEquals(archive, Sql.number(site.database(),
                "SELECT category_id FROM topics WHERE title = 'The 2019 harvest'"));
        assertEquals(0, Sql.number(site.database(), "SELECT COUNT(*) FROM categories WHERE name = 'Old news'"));
    }

    @Test
    void theAdminApiManagesCategories() throws Exception {
        HttpResponse<String> created = admin.json("POST", "/api/v1/admin/categories",
                "{\"name\": \"Events\", \"color\": \"#aa0000\", \"reply\": \"moderators\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"reply\":\"moderators\""), created.body());
        HttpResponse<String> bad = admin.json("PUT", "/api/v1/admin/categories/" + id("Events"),
                "{\"name\": \"Events\", \"color\": \"red\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"color\""), bad.body());
        assertEquals(403, member.json("POST", "/api/v1/admin/categories", "{\"name\": \"x\", \"color\": \"#000000\"}")
                .statusCode());
        assertEquals(204, admin.json("DELETE", "/api/v1/admin/categories/" + id("Events"), null).statusCode());
        assertEquals(404, admin.json("DELETE", "/api/v1/admin/categories/999999", null).statusCode());
    }
}
