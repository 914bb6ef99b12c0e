package hearth.server.discussions;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views count once per member, or per address for visitors, per topic per day. */
class TopicViewsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void eachViewerCountsOnceADay() throws Exception {
        long topic = forum.number("SELECT MIN(id) FROM topics");
        String slug = forum.text("SELECT slug FROM topics WHERE id = ?", topic);
        String page = "/t/" + slug + "/" + topic;
        Browser ada = forum.member("Adaline", false);
        Browser bo = forum.member("Bodhi", false);
        for (Browser viewer : new Browser[] {ada, ada, bo, new Browser(site), new Browser(site)}) {
            assertEquals(200, viewer.get(page).statusCode());
        }
        // Ada twice, Bodhi once, and two visitors from one address once: three views.
        eventually("views to be counted", () -> forum.number("SELECT view_count FROM topics WHERE id = ?", topic) == 3);
        assertEquals(3, forum.number("SELECT COUNT(*) FROM topic_views WHERE topic_id = ?", topic));
        assertEquals(0, forum.number("SELECT COUNT(*) FROM topic_views WHERE viewer_key LIKE '%Adaline%'"
                + " OR viewer_key LIKE '%127.0.0.1%'"), "viewers are stored hashed");
        String latest = site.get("/latest").body();
        assertEquals(true, latest.contains("3 views"), latest);
    }

}
