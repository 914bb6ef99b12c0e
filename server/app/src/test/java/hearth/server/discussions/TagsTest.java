package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags on topics: set on the new-topic form and the API, changed by the author or a moderator, shown on topic rows
 * and the topic page, listed per tag (pages, API, feed) and in the index, only where the viewer may see.
 */
class TagsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static long general;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        general = forum.number("SELECT id FROM categories WHERE name = 'General'");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** Starts a topic through the API as a new member (one each, so the posting pace never applies). */
    private static JsonObject started(String member, String title, JsonArray tags) {
        Browser client = forum.member(member, false);
        HttpResponse<String> response = client.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", title).put("body", "Something worth reading here.")
                .put("tags", tags).encode());
        assertEquals(201, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    @Test
    void theNewTopicFormSetsTagsShownOnTheTopicAndItsRow() {
        Browser member = forum.member("Tansy", false);
        HttpResponse<String> response = member.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(general), "title", "Slugs on the lettuce", "body", "They ate everything overnight.",
                "tags", "Slugs, lettuce-beds slugs"));
        assertEquals(303, response.statusCode(), response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        String page = site.get(location).body();
        assertTrue(page.contains("href=\"/tag/slugs\""), page);
        assertTrue(page.contains("href=\"/tag/lettuce-beds\""), page);
        long topic = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertEquals(2, forum.number("SELECT COUNT(*) FROM topic_tags WHERE topic_id = ?", topic));
        assertEquals(1, forum.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%TopicTagsChanged'"
                + " AND payload LIKE ?", "%\"topicId\":" + topic + ",%"));
        String latest = site.get("/latest").body();
        int row = latest.indexOf("data-topic=\"" + topic + "\"");
        assertTrue(row > 0 && latest.indexOf("href=\"/tag/slugs\"", row) > row, "the row shows its tags");
    }

    @Test
    void badTagsAreRefusedNextToTheFieldAndNothingIsSaved() {
        Browser member = forum.member("Yarrow", false);
        long before = forum.number("SELECT COUNT(*) FROM topics");
        HttpResponse<String> tooMany = member.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(general), "title", "Six tags at once", "body", "Is this too many tags, do you think?",
                "tags", "a, b, c, d, e, f"));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("id=\"tags-error\""), tooMany.body());
        assertTrue(tooMany.body().contains("at most 5 tags"), tooMany.body());
        HttpResponse<String> badName = member.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(general), "title", "A tag with a space", "body", "Tags are single words, aren't they?",
                "tags", "ok, not_ok"));
        assertEquals(400, badName.statusCode());
        assertTrue(badName.body().contains("&quot;not_ok&quot; is not a valid tag"), badName.body());
        assertEquals(before, forum.number("SELECT COUNT(*) FROM topics"), "no topic without its tags");

        HttpResponse<String> api = member.json("POST", "/api/v1/topics", new JsonObject().put("categoryId", general)
                .put("title", "Tags as a string").put("body", "This should be a list, really.")
                .put("tags", "one,two").encode());
        assertEquals(400, api.statusCode());
        assertEquals("tags", new JsonObject(api.body()).getString("field"));
        HttpResponse<String> long31 = member.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", "A very long tag").put("body", "Thirty-one letters is too many.")
                .put("tags", new JsonArray().add("a".repeat(31))).encode());
        assertEquals(400, long31.statusCode());
        assertEquals(before, forum.number("SELECT COUNT(*) FROM topics"));
    }

    @Test
    void theAuthorOrAModeratorChangesTagsOthersMayNot() {
        JsonObject topic = started("Chervil", "Chervil in shade", new JsonArray().add("herbs"));
        assertEquals(new JsonArray().add("herbs"), topic.getJsonArray("tags"));
        long id = topic.getLong("id");
        String path = topic.getString("url");

        Browser author = forum.logIn("Chervil");
        assertTrue(author.get(path).body().contains("action=\"" + path + "/tags\""));
        assertEquals(303, author.submit(path, path + "/tags", Map.of("tags", "herbs, shade")).statusCode());
        assertEquals(List.of("herbs", "shade"), tagsOf(id));
        HttpResponse<String> bad = author.submit(path, path + "/tags", Map.of("tags", "Bad Tag!"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"tags-error\""), bad.body());
        assertEquals(List.of("herbs", "shade"), tagsOf(id));

        Browser other = forum.member("Lovage", false);
        assertFalse(other.get(path).body().contains("action=\"" + path + "/tags\""));
        assertEquals(403, other.submit(path, path + "/tags", Map.of("tags", "spam")).statusCode());
        HttpResponse<String> refused = other.json("PUT", "/api/v1/topics/" + id + "/tags",
                new JsonObject().put("tags", new JsonArray().add("spam")).encode());
        assertEquals(403, refused.statusCode());
        assertTrue(new JsonObject(refused.body()).containsKey("error"));
        assertEquals(401, new Browser(site).json("PUT", "/api/v1/topics/" + id + "/tags",
                new JsonObject().put("tags", new JsonArray()).encode()).statusCode());

        forum.member("Borage", false);
        forum.execute("UPDATE members SET role = 'moderator' WHERE username_key = 'borage'");
        Browser moderator = forum.logIn("Borage");
        HttpResponse<String> changed = moderator.json("PUT", "/api/v1/topics/" + id + "/tags",
                new JsonObject().put("tags", new JsonArray().add("herbs")).encode());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(List.of("herbs"), tagsOf(id));
        assertEquals(404, moderator.json("PUT", "/api/v1/topics/999999/tags",
                new JsonObject().put("tags", new JsonArray()).encode()).statusCode());
    }

    @Test
    void changingTagsOverAndOverIsSlowedDown() {
        long id = started("Mallow", "Mallow everywhere", new JsonArray()).getLong("id");
        Browser author = forum.logIn("Mallow");
        int status = 200;
        int changes = 0;
        while (status == 200 && changes < 40) {
            status = author.json("PUT", "/api/v1/topics/" + id + "/tags",
                    new JsonObject().put("tags", new JsonArray().add("mallow-" + changes)).encode()).statusCode();
            changes++;
        }
        assertEquals(400, status);
        assertEquals(31, changes, "30 changes are allowed in ten minutes");
        HttpResponse<String> refused = author.json("PUT", "/api/v1/topics/" + id + "/tags",
                new JsonObject().put("tags", new JsonArray().add("more")).encode());
        assertTrue(new JsonObject(refused.body()).getString("error").contains("please wait"), refused.body());
        assertEquals(0, forum.number("SELECT COUNT(*) FROM tags WHERE name = 'more'"));
    }

    @Test
    void aTagListsItsVisibleTopicsPinnedFirstInPagesApiAndFeed() throws Exception {
        JsonObject first = started("Comfrey", "Comfrey tea for feeding", new JsonArray().add("feeding"));
        JsonObject second = started("Nettle", "Nettle tea as well", new JsonArray().add("feeding").add("weeds"));
        started("Dock", "Docks everywhere", new JsonArray().add("weeds"));
        JsonObject hidden = started("Burdock", "Staff-only feeding notes", new JsonArray().add("feeding"));
        forum.execute("INSERT INTO categories (slug, name, created_at, see_level) VALUES ('staff-room', 'Staff room', ?,"
                + " 'moderators')", Instant.now());
        forum.execute("UPDATE topics SET category_id = (SELECT id FROM categories WHERE slug = 'staff-room')"
                + " WHERE id = ?", hidden.getLong("id"));
        forum.execute("UPDATE topics SET pinned = 'category' WHERE id = ?", first.getLong("id"));

        String list = site.get("/tag/feeding").body();
        assertTrue(list.contains("Tagged <span class=\"tag\">feeding</span>"), list);
        int pinned = list.indexOf("data-topic=\"" + first.getLong("id") + "\"");
        int other = list.indexOf("data-topic=\"" + second.getLong("id") + "\"");
        assertTrue(pinned > 0 && other > pinned, "the pinned topic first");
        assertFalse(list.contains("Staff-only feeding notes"), "a topic the visitor may not see");
        assertFalse(list.contains("Docks everywhere"));
        assertEquals(404, site.get("/tag/no-such-tag").statusCode());

        JsonArray api = new JsonObject(site.get("/api/v1/topics?tag=feeding").body()).getJsonArray("topics");
        assertEquals(2, api.size());
        assertTrue(api.getJsonObject(0).getJsonArray("tags").contains("feeding"));
        assertEquals(404, site.get("/api/v1/topics?tag=no-such-tag").statusCode());
        JsonArray top = new JsonObject(site.get("/api/v1/topics?tag=weeds&order=top&period=all&limit=1").body())
                .getJsonArray("topics");
        assertEquals(1, top.size());

        JsonArray index = new JsonObject(site.get("/api/v1/tags").body()).getJsonArray("tags");
        JsonObject feeding = index.stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("name").equals("feeding")).findFirst().orElseThrow();
        assertEquals(2, feeding.getInteger("topics"), "the hidden topic is not counted");
        assertTrue(site.get("/tags").body().contains("href=\"/tag/weeds\""));

        HttpResponse<String> atom = site.get("/feeds/tag/feeding");
        assertEquals(200, atom.statusCode(), atom.body());
        Feed feed = (Feed) new WireFeedInput().build(new StringReader(atom.body()));
        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals(2, feed.getEntries().size());
        assertTrue(feed.getOtherLinks().stream().anyMatch(l -> "self".equals(l.getRel())
                && l.getHref().endsWith("/feeds/tag/feeding")));
        assertTrue(feed.getEntries().stream().allMatch(e -> e.getId().contains("/t/")
                && e.getAlternateLinks().getFirst().getHref().equals(e.getId())));
        assertEquals(404, site.get("/feeds/tag/no-such-tag").statusCode());
    }

    private static List<String> tagsOf(long topic) {
        return new JsonObject(site.get("/api/v1/topics/" + topic).body()).getJsonObject("topic").getJsonArray("tags")
                .stream().map(String.class::cast).toList();
    }
}
