package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.similar.SimilarTopics;
import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Similar-topic suggestions for a title being typed: the new-topic fragment and the API, visible topics only. */
class SimilarTopicsTest {

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
        topic("Bramble", "Growing blackberries against a fence");
        topic("Rowan", "Pruning blackberries after fruiting");
        topic("Sloe", "Blackberries with white drupelets");
        long hidden = topic("Elder", "Secret blackberries patch map");
        forum.execute("INSERT INTO categories (slug, name, created_at, see_level) VALUES ('hidden', 'Hidden', ?,"
                + " 'admins')", Instant.now());
        forum.execute("UPDATE topics SET category_id = (SELECT id FROM categories WHERE slug = 'hidden')"
                + " WHERE id = ?", hidden);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static long topic(String member, String title) {
        HttpResponse<String> response = forum.member(member, false).json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", general).put("title", title).put("body", "A few words about it here.").encode());
        assertEquals(201, response.statusCode(), response.body());
        return new JsonObject(response.body()).getLong("id");
    }

    private static String q(String title) {
        return URLEncoder.encode(title, StandardCharsets.UTF_8);
    }

    @Test
    void significantWordsSkipStopWordsShortWordsAndRepeats() {
        assertEquals(List.of("prune", "blackberries", "fence"),
                SimilarTopics.significantWords("How do I prune the BLACKBERRIES by a fence, blackberries?"));
        assertEquals(List.of(), SimilarTopics.significantWords("How do I do it?"));
    }

    @Test
    void theApiRanksVisibleTopicsBySharedWords() {
        JsonArray found = new JsonObject(site.get("/api/v1/topics/similar?title=" + q("When pruning blackberries"))
                .body()).getJsonArray("topics");
        assertEquals("Pruning blackberries after fruiting", found.getJsonObject(0).getString("title"));
        assertEquals(2, found.getJsonObject(0).getInteger("sharedWords"));
        List<String> titles = found.stream().map(o -> ((JsonObject) o).getString("title")).toList();
        assertEquals(3, titles.size(), titles.toString());
        assertFalse(titles.contains("Secret blackberries patch map"), "a topic the visitor may not see");
        assertTrue(titles.size() <= SimilarTopics.MAX_RESULTS);

        assertEquals(0, new JsonObject(site.get("/api/v1/topics/similar?title=" + q("How are you?")).body())
                .getJsonArray("topics").size());
        assertEquals(0, new JsonObject(site.get("/api/v1/topics/similar").body()).getJsonArray("topics").size());
        assertEquals(0, new JsonObject(site.get("/api/v1/topics/similar?title=" + q("blackberry")).body())
                .getJsonArray("topics").size(), "whole words only");
    }

    @Test
    void theNewTopicFormAsksForSuggestionsWhileOneTypes() {
        Browser member = forum.member("Medlar", false);
        String form = member.get("/new-topic").body();
        assertTrue(form.contains("hx-get=\"/new-topic/similar\""), form);
        assertTrue(form.contains("hx-trigger=\"keyup changed delay:400ms\""));
        HttpResponse<String> fragment = member.get("/new-topic/similar?title=" + q("blackberries fence"));
        assertEquals(200, fragment.statusCode());
        assertTrue(fragment.body().contains("Growing blackberries against a fence"), fragment.body());
        assertFalse(fragment.body().contains("<html"), "a fragment, not a page");
        assertFalse(fragment.body().contains("Secret blackberries"));
    }

    @Test
    void askingTooOftenIsRateLimited() {
        Browser member = forum.member("Quince", false);
        int status = 200;
        for (int i = 0; i < 70 && status == 200; i++) {
            status = member.json("GET", "/api/v1/topics/similar?title=" + q("fence " + i), null).statusCode();
        }
        assertEquals(429, status);
        HttpResponse<String> refused = member.json("GET", "/api/v1/topics/similar?title=fence", null);
        assertEquals(429, refused.statusCode());
        assertTrue(new JsonObject(refused.body()).containsKey("error"));
    }
}
