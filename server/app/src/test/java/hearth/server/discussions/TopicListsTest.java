package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Sql;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topic lists: latest with pinned first, top by period, unanswered, per category, cursor paging, the API. */
class TopicListsTest {

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static TestSite site;
    static long garden;
    static long kitchen;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh(dataDir);
        site = TestSite.startOn(dataDir, db.flags(), "--no-demo");
        Sql.execute(db, "INSERT INTO members (username, username_key, email, email_key, display_name,"
                + " role, created_at) VALUES ('ada', 'ada', 'ada@example.org', 'ada@example.org', 'Ada', 'member',"
                + " CURRENT_TIMESTAMP)");
        Sql.execute(db, "INSERT INTO categories (slug, name, created_at) VALUES ('garden', 'Garden',"
                + " CURRENT_TIMESTAMP)");
        Sql.execute(db, "INSERT INTO categories (slug, name, created_at, see_level) VALUES ('kitchen',"
                + " 'Kitchen', CURRENT_TIMESTAMP, 'members')");
        garden = Sql.number(db, "SELECT id FROM categories WHERE slug = 'garden'");
        kitchen = Sql.number(db, "SELECT id FROM categories WHERE slug = 'kitchen'");
        long ada = Sql.number(db, "SELECT id FROM members WHERE username_key = 'ada'");
        // 70 garden topics: topic n was last active n minutes after 2026-01-01 and has n % 7 replies.
        for (int n = 1; n <= 70; n++) {
            String at = String.format("TIMESTAMP '2026-01-01 %02d:%02d:00'", n / 60, n % 60);
            Sql.execute(db, "INSERT INTO topics (category_id, author_id, title, slug, reply_count,"
                    + " created_at, last_posted_at) VALUES (" + garden + ", " + ada + ", 'Garden topic " + n
                    + "', 'garden-topic-" + n + "', " + (n % 7) + ", " + at + ", " + at + ")");
        }
        Sql.execute(db, "INSERT INTO topics (category_id, author_id, title, slug, created_at,"
                + " last_posted_at) VALUES (" + kitchen + ", " + ada + ", 'Secret recipe', 'secret-recipe',"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        Sql.execute(db, "UPDATE topics SET pinned = 'site' WHERE title = 'Garden topic 3'");
        // Category audiences are read at start; this test wrote them directly, so start over to pick them up.
        site.stop();
        site = TestSite.startOn(dataDir, db.flags(), "--no-demo");
    }

    @AfterAll
    static void stop() {
        site.close();
        db.close();
    }

    private static List<String> titles(String html) {
        List<String> titles = new ArrayList<>();
        Matcher m = Pattern.compile("class=\"topic-title\" href=\"[^\"]*\">([^<]*)<").matcher(html);
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }

    private static String next(String html) {
        Matcher m = Pattern.compile("rel=\"next\" href=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    @Test
    void latestPagesThroughEveryVisibleTopicOncePinnedFirst() {
        List<String> seen = new ArrayList<>();
        String page = "/latest";
        int pages = 0;
        while (page != null) {
            HttpResponse<String> response = site.get(page);
            assertEquals(200, response.statusCode(), response.body());
            seen.addAll(titles(response.body()));
            page = next(response.body());
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(70, seen.size(), seen.toString());
        assertEquals(70, seen.stream().distinct().count(), "no topic twice");
        assertEquals("Garden topic 3", seen.get(0), "pinned first");
        assertEquals("Garden topic 70", seen.get(1));
        assertEquals("Garden topic 1", seen.getLast());
        assertFalse(seen.contains("Secret recipe"), "the kitchen is for members");
    }

    @Test
    void topUnansweredAndCategoryLists() {
        List<String> top = titles(site.get("/top?period=all").body());
        assertEquals(6, Integer.parseInt(top.get(0).replace("Garden topic ", "")) % 7, "most replies first");
        assertTrue(titles(site.get("/top?period=day").body()).isEmpty(), "nothing created in the last day");
        List<String> unanswered = titles(site.get("/unanswered").body());
        assertEquals(10, unanswered.size());
        assertTrue(unanswered.stream().allMatch(t -> Integer.parseInt(t.replace("Garden topic ", "")) % 7 == 0));
        HttpResponse<String> category = site.get("/c/garden");
        assertEquals(200, category.statusCode());
        assertTrue(category.body().contains(">Garden</h1>"));
        assertEquals(404, site.get("/c/kitchen").statusCode(), "hidden from visitors");
        assertEquals(404, site.get("/c/nowhere").statusCode());
        assertEquals(400, site.get("/latest?cursor=broken").statusCode());
        assertEquals(400, site.get("/top?period=decade").statusCode());
    }

    @Test
    void theApiListsWithCursors() {
        HttpResponse<String> first = site.get("/api/v1/topics?order=latest&limit=50&category=" + garden);
        assertEquals(200, first.statusCode(), first.body());
        Matcher next = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(first.body());
        assertTrue(next.find(), first.body());
        HttpResponse<String> second = site.get("/api/v1/topics?order=latest&limit=50&category=" + garden
                + "&cursor=" + next.group(1));
        assertTrue(second.body().contains("\"next\":null"), second.body());
        assertEquals(70, countIds(first.body()) + countIds(second.body()));
        assertEquals(404, site.get("/api/v1/topics?category=" + kitchen).statusCode());
        assertEquals(400, site.get("/api/v1/topics?limit=0").statusCode());
        assertEquals(400, site.get("/api/v1/topics?order=oldest").statusCode());
    }

    private static long countIds(String json) {
        return Pattern.compile("\"id\":").matcher(json).results().count();
    }
}
