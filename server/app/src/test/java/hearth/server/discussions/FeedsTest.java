package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Atom feeds, read by a real feed parser, with every element RFC 4287 requires. */
class FeedsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--base-url", "https://forum.example.org");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static Feed parse(String path) throws Exception {
        HttpResponse<String> response = site.get(path);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/atom+xml; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        Feed feed = (Feed) new WireFeedInput().build(new StringReader(response.body()));
        assertEquals("atom_1.0", feed.getFeedType());
        assertNotNull(feed.getId());
        assertNotNull(feed.getTitle());
        assertNotNull(feed.getUpdated());
        assertTrue(feed.getOtherLinks().stream().anyMatch(l -> "self".equals(l.getRel())
                && l.getHref().equals("https://forum.example.org" + path)), "a self link");
        for (Entry entry : feed.getEntries()) {
            assertTrue(entry.getId().startsWith("https://forum.example.org/t/"), entry.getId());
            assertNotNull(entry.getTitle());
            assertNotNull(entry.getUpdated());
            assertFalse(entry.getAuthors().isEmpty() && feed.getAuthors().isEmpty(), "an author");
            assertTrue(entry.getAlternateLinks().stream().map(Link::getHref).allMatch(h -> h.equals(entry.getId())));
        }
        return feed;
    }

    @Test
    void latestCategoryAndTopicFeedsParse() throws Exception {
        Feed latest = parse("/feeds/latest");
        // Private conversations (welcome messages) have no category and are in no feed.
        long topics = Sql.number(site.database(), "SELECT COUNT(*) FROM topics WHERE category_id IS NOT NULL");
        assertEquals(Math.min(30, topics), latest.getEntries().size());
        Entry first = latest.getEntries().getFirst();
        assertFalse(first.getContents().getFirst().getValue().isBlank(), "the opening post as content");

        String slug = Sql.column(site.database(), "SELECT slug FROM categories ORDER BY id").getFirst();
        Feed category = parse("/feeds/c/" + slug);
        long inCategory = Sql.number(site.database(), "SELECT COUNT(*) FROM topics t JOIN categories c ON"
                + " c.id = t.category_id WHERE c.slug = '" + slug + "'");
        assertEquals(Math.min(30, inCategory), category.getEntries().size());

        long topic = Sql.number(site.database(), "SELECT MIN(id) FROM topics");
        Feed posts = parse("/feeds/t/" + topic);
        assertEquals(Sql.number(site.database(), "SELECT COUNT(*) FROM posts WHERE topic_id = " + topic),
                posts.getEntries().size());
        assertTrue(posts.getEntries().getFirst().getId().contains("#post-"));
    }

    @Test
    void hiddenOrMissingThingsHaveNoFeed() throws Exception {
        Sql.execute(site.database(), "INSERT INTO categories (slug, name, created_at, see_level) VALUES ('staff',"
                + " 'Staff', CURRENT_TIMESTAMP, 'moderators')");
        assertEquals(404, site.get("/feeds/c/nowhere").statusCode());
        assertEquals(404, site.get("/feeds/t/999999").statusCode());
        assertEquals(404, site.get("/feeds/t/not-a-number").statusCode());
    }

    @Test
    void textIsEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", Feeds.text("a <b> & \"c\"\u0001"));
    }
}
