package hearth.server.searchlucene;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash in the middle of indexing: the server stops after the database committed a change but before the index
 * committed it (what the "uncommitted" marker records), and meanwhile the database moved on. After the restart the
 * index is rebuilt from the database, so it finds what the database says and nothing it no longer says.
 */
class SearchCrashRecoveryTest {

    @Test
    void afterACrashMidChangeTheIndexAgreesWithTheDatabase(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.fresh(dir)) {
            long postId;
            try (TestSite site = TestSite.startOn(dir, db)) {
                Browser admin = Members.member(site, "Crashadmin", "admin");
                assertEquals(303, admin.submit("/admin/plugins/search-lucene", "/admin/plugins/search-lucene/enable",
                        Map.of()).statusCode());
                Browser writer = Members.member(site, "Writer", "member");
                HttpResponse<String> started = writer.json("POST", "/api/v1/topics", new JsonObject()
                        .put("categoryId", Sql.number(db, "SELECT MIN(id) FROM categories"))
                        .put("title", "Marigolds against aphids").put("body", "Plant marigolds between the beans.")
                        .encode());
                assertEquals(201, started.statusCode(), started.body());
                long topicId = new JsonObject(started.body()).getLong("id");
                postId = Long.parseLong(Sql.value(db, "SELECT id FROM posts WHERE topic_id = ? AND post_number = 1",
                        topicId));
                eventually("the index has the topic", () -> hits(writer, "marigolds") > 0);
            }
            // What a crash leaves: the marker of changes not yet committed to the index, while the database has
            // changed since (the edit reached the database; the index never heard of it).
            Path index = dir.resolve("plugin-data/search-lucene/index");
            assertTrue(Files.isDirectory(index), "the index lives in the plugin's data dir");
            Files.writeString(index.resolve("uncommitted.marker"), "the server stopped here");
            Sql.change(db, "UPDATE posts SET body_markdown = ?, body_html = ? WHERE id = ?",
                    "Plant nasturtiums between the beans.", "<p>Plant nasturtiums between the beans.</p>", postId);

            try (TestSite again = TestSite.startOn(dir, db)) {
                Browser reader = Members.logIn(again, "Writer");
                eventually("the rebuilt index finds the text the database has",
                        () -> hits(reader, "nasturtiums") > 0);
                assertEquals(0, hits(reader, "\"marigolds between the beans\""), "and not the text it no longer has");
                assertTrue(hits(reader, "aphids") > 0, "the title, unchanged, is still found");
            }
        }
    }

    private static int hits(Browser viewer, String q) {
        HttpResponse<String> found = viewer.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, found.statusCode(), found.body());
        JsonObject answer = new JsonObject(found.body());
        return "search-lucene".equals(answer.getString("provider")) ? answer.getJsonArray("hits").size() : 0;
    }
}
