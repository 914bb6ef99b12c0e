package hearth.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.SecondNode;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core's plain search over HTTP, page and API, on the demo community plus a few topics of our own. */
class SiteSearchPagesTest {

    private static final Pattern HIT = Pattern.compile("<a class=\"topic-title\" href=\"(/t/\\d+#post-\\d+)\">");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static SecondNode node;
    static long maya;
    static long general;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(dataDir.resolve("site"));
        node = SecondNode.on(site.database(), dataDir.resolve("node"));
        maya = Sql.number(site.database(), "SELECT id FROM members WHERE username = 'maya'");
        general = Sql.number(site.database(), "SELECT id FROM categories WHERE name = 'General'");
    }

    @AfterAll
    static void stop() {
        node.close();
        site.close();
    }

    private static long topic(String title, String body) {
        return node.transaction(tx -> node.discussions().startTopic(tx, maya, general, title, body));
    }

    private static void reply(long topic, String body) {
        node.transaction(tx -> node.discussions().reply(tx, maya, topic, body));
    }

    private static HttpResponse<String> page(String q) {
        return site.get("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private static JsonObject api(String query) {
        HttpResponse<String> response = site.get("/api/v1/search?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        Matcher m = HIT.matcher(html);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    @Test
    void findsADemoTopicByItsTitleAndAReplyByAWordInItsBodyInAnyCase() throws Exception {
        long tomatoes = Sql.number(site.database(), "SELECT id FROM topics WHERE title LIKE 'Tomato leaves%'");

        HttpResponse<String> byTitle = page("tomato LEAVES");
        assertEquals(200, byTitle.statusCode());
        assertTrue(byTitle.body().contains("Tomato leaves curling upwards: should I worry?"), byTitle.body());
        assertEquals(List.of("/t/" + tomatoes + "#post-1"), links(byTitle.body()),
                "a title match is one hit: the topic");

        HttpResponse<String> byBody = page("Parasol");
        assertEquals(List.of("/t/" + tomatoes + "#post-3"), links(byBody.body()));
        assertTrue(byBody.body().contains("Moved them behind the parasol and the new growth looks flat already."));
        assertTrue(byBody.body().contains("1 result for"), byBody.body());

        JsonObject json = api("q=PARASOL");
        assertEquals("core", json.getString("provider"));
        assertEquals(1, json.getLong("total"));
        JsonObject hit = json.getJsonArray("hits").getJsonObject(0);
        assertEquals(tomatoes, hit.getLong("topicId"));
        assertEquals(3, hit.getInteger("postNumber"));
        assertEquals("Tomato leaves curling upwards: should I worry?", hit.getString("title"));
        assertTrue(hit.getString("snippet").contains("behind the parasol"));
        assertTrue(hit.getString("postedAt").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), hit.getString("postedAt"));
    }

    @Test
    void snippetsArePlainTextAroundTheMatchAndShownEscaped() {
        String filler = "Compost needs air and patience. ".repeat(12);
        topic("Worm bins", filler + "Feed the **worms** <script>alert(1)</script> with [peelings](https://example.org/x)"
                + " and <b nothing else. " + filler);

        JsonObject hit = api("q=peelings").getJsonArray("hits").getJsonObject(0);
        String snippet = hit.getString("snippet");
        assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
        assertTrue(snippet.contains("Feed the worms"), "Markdown markers stripped: " + snippet);
        assertTrue(snippet.contains("with peelings and <b nothing else"), "link targets stripped: " + snippet);
        assertTrue(snippet.length() <= Snippet.LENGTH + 2, snippet.length() + ": " + snippet);

        String html = page("peelings").body();
        assertTrue(html.contains("with peelings and &lt;b nothing else"), html);
    }

    @Test
    void likeWildcardsInTheSearchMatchThemselves() {
        long literal = topic("Seed sale", "Everything 5%_off this weekend only.");
        topic("Apple news", "Picked 5 apples, then I took the afternoon off.");
        topic("Labels", "Use snake_case names on seed packets, not snakeXcase ones.");

        JsonObject percent = api("q=" + URLEncoder.encode("5%_off", StandardCharsets.UTF_8));
        assertEquals(1, percent.getLong("total"), percent.encode());
        assertEquals(literal, percent.getJsonArray("hits").getJsonObject(0).getLong("topicId"));

        JsonObject underscore = api("q=snake_case");
        assertEquals(1, underscore.getLong("total"), underscore.encode());

        JsonObject bang = api("q=" + URLEncoder.encode("!%", StandardCharsets.UTF_8));
        assertEquals(0, bang.getLong("total"), "the escape character itself is literal too: " + bang.encode());
    }

    @Test
    void resultsComeNewestFirstTwentyAPageWithNextAndPreviousLinks() {
        long topic = topic("Zucchini glut", "Zucchinification number 1 has begun.");
        for (int n = 2; n <= 45; n++) {
            reply(topic, "Zucchinification number " + n + ".");
        }

        HttpResponse<String> first = page("zucchinification");
        List<String> firstLinks = links(first.body());
        assertEquals(20, firstLinks.size());
        assertEquals("/t/" + topic + "#post-45", firstLinks.getFirst(), "newest first");
        assertTrue(first.body().contains("45 results for"));
        assertTrue(first.body().contains("rel=\"next\" href=\"/search?q=zucchinification&amp;page=2\""), first.body());
        assertFalse(first.body().contains("rel=\"prev\""));

        HttpResponse<String> third = site.get("/search?q=zucchinification&page=3");
        assertEquals(List.of("/t/" + topic + "#post-5", "/t/" + topic + "#post-4", "/t/" + topic + "#post-3",
                "/t/" + topic + "#post-2",
                "/t/" + topic + "#post-1"), links(third.body()));
        assertTrue(third.body().contains("rel=\"prev\" href=\"/search?q=zucchinification&amp;page=2\""));
        assertFalse(third.body().contains("rel=\"next\""));

        JsonObject api = api("q=zucchinification&offset=40&limit=3");
        assertEquals(45, api.getLong("total"));
        JsonArray hits = api.getJsonArray("hits");
        assertEquals(List.of(5, 4, 3), hits.stream().map(h -> ((JsonObject) h).getInteger("postNumber")).toList());
        assertEquals(20, api("q=zucchinification").getJsonArray("hits").size(), "20 by default");
        assertEquals(45, api("q=zucchinification&limit=50").getJsonArray("hits").size());
        assertEquals(0, api("q=zucchinification&offset=45").getJsonArray("hits").size());

        HttpResponse<String> beyond = site.get("/search?q=zucchinification&page=9");
        assertEquals(200, beyond.statusCode());
        assertTrue(beyond.body().contains("No results on this page"), beyond.body());
    }

    @Test
    void aBlankSearchShowsJustTheFormAndNothingFoundSaysSo() {
        HttpResponse<String> blank = site.get("/search?q=%20%20");
        assertEquals(200, blank.statusCode());
        assertTrue(blank.body().contains("role=\"search\""));
        assertFalse(blank.body().contains("No results"));
        assertFalse(blank.body().contains("result for") || blank.body().contains("results for"));
        assertEquals(200, site.get("/search").statusCode());

        HttpResponse<String> none = page("xylophone-marmalade");
        assertEquals(200, none.statusCode());
        assertTrue(none.body().contains("No results for “xylophone-marmalade”"), none.body());
    }

    @Test
    void tooLongSearchesAndBadNumbersAre400sThatSayWhy() {
        HttpResponse<String> tooLong = page("a".repeat(201));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("id=\"q-error\" role=\"alert\">Search for at most 200 characters, please."),
                tooLong.body());
        assertTrue(tooLong.body().contains("aria-invalid=\"true\""));
        assertEquals(200, page("a".repeat(200)).statusCode());

        HttpResponse<String> badPage = site.get("/search?q=tomato&page=0");
        assertEquals(400, badPage.statusCode());
        assertTrue(badPage.body().contains("page must be a whole number from 1 to 501."), badPage.body());

        assertApiError("q=", "q");
        assertApiError("q=" + "a".repeat(201), "q");
        assertApiError("q=tomato&limit=0", "limit");
        assertApiError("q=tomato&limit=51", "limit");
        assertApiError("q=tomato&limit=ten", "limit");
        assertApiError("q=tomato&offset=-1", "offset");
        assertApiError("q=tomato&offset=1e3", "offset");
    }

    private static void assertApiError(String query, String field) {
        HttpResponse<String> response = site.get("/api/v1/search?" + query);
        assertEquals(400, response.statusCode(), query + ": " + response.body());
        JsonObject error = new JsonObject(response.body());
        assertEquals(field, error.getString("field"), query);
        assertFalse(error.getString("error").isBlank());
    }
}
