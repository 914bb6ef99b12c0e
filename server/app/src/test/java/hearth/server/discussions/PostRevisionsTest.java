package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** A post's history: every reader sees its edits with who, when, why and an escaped word diff. */
class PostRevisionsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Forum forum;
    static Threads threads;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        forum = new Forum(site);
        threads = new Threads(forum);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void wordDiffsMarkWhatChangedAndEscapeEverything() {
        assertEquals("the <del>red</del><ins>green</ins> tomato", WordDiff.html("the red tomato", "the green tomato"));
        assertEquals("a <ins>very </ins>tall bean", WordDiff.html("a tall bean", "a very tall bean"));
        assertEquals("<del>&lt;b&gt;x&lt;/b&gt;</del><ins>&lt;script&gt;&amp;&quot;</ins>",
                WordDiff.html("<b>x</b>", "<script>&\""));
        assertEquals("same", WordDiff.html("same", "same"));
    }

    @Test
    void everyReaderSeesEachEditWithItsEditorReasonAndDiff() {
        Browser author = forum.member("Borage", false);
        Threads.Thread thread = threads.start(author, "Bees on the borage", "Dozens of bees this morning.");
        threads.agePost(thread.openingPost());
        assertEquals(200, author.json("PATCH", "/api/v1/posts/" + thread.openingPost(), new JsonObject()
                .put("body", "Hundreds of bees this morning.").put("reason", "Counted again").encode()).statusCode());
        assertEquals(200, author.json("PATCH", "/api/v1/posts/" + thread.openingPost(), new JsonObject()
                .put("body", "Hundreds of <b>bees</b> this afternoon.").encode()).statusCode());

        String page = site.get(thread.page()).body();
        assertTrue(page.contains("href=\"/p/" + thread.openingPost() + "/revisions\">edited (2)</a>"), page);
        HttpResponse<String> history = site.get("/p/" + thread.openingPost() + "/revisions");
        assertEquals(200, history.statusCode(), history.body());
        String html = history.body();
        assertTrue(html.contains("Counted again"));
        assertTrue(html.contains("<del>Dozens</del><ins>Hundreds</ins> of bees this morning."), html);
        assertTrue(html.contains("<del>bees</del><ins>&lt;b&gt;bees&lt;/b&gt;</ins>"), html);
        assertFalse(html.contains("<b>bees</b>"), "old and new Markdown are shown as text");
        assertTrue(html.contains(">Borage</a>"));

        HttpResponse<String> api = site.get("/api/v1/posts/" + thread.openingPost() + "/revisions");
        assertEquals(200, api.statusCode(), api.body());
        JsonArray revisions = new JsonObject(api.body()).getJsonArray("revisions");
        assertEquals(2, revisions.size());
        assertEquals(2, revisions.getJsonObject(0).getInteger("revision"));
        assertEquals("Counted again", revisions.getJsonObject(1).getString("reason"));
        assertEquals("Dozens of bees this morning.", revisions.getJsonObject(1).getString("previousMarkdown"));
        assertEquals(404, site.get("/api/v1/posts/999999/revisions").statusCode());
    }

    @Test
    void aDeletedEditorLeavesNoNameInTheHistoryAndTheExportListsRevisions() {
        Browser author = forum.member("Comfrey", false);
        Threads.Thread thread = threads.start(author, "Comfrey tea recipe", "Steep leaves for three weeks.");
        threads.agePost(thread.openingPost());
        assertEquals(200, author.json("PATCH", "/api/v1/posts/" + thread.openingPost(), new JsonObject()
                .put("body", "Steep leaves for four weeks.").put("reason", "Longer is better").encode()).statusCode());
        HttpResponse<String> export = author.get("/account/data/export");
        assertEquals(200, export.statusCode());
        JsonArray exported = new JsonObject(export.body()).getJsonArray("postRevisions");
        assertEquals(1, exported.size(), export.body());
        assertEquals("Steep leaves for three weeks.", exported.getJsonObject(0).getString("previousMarkdown"));

        assertEquals(303, author.submit("/account/delete", "/account/delete", Map.of("username", "Comfrey",
                "password", Forum.PASSWORD)).statusCode());
        String history = site.get("/p/" + thread.openingPost() + "/revisions").body();
        assertFalse(history.contains("Comfrey</a>"), history);
        long tombstone = forum.number("SELECT author_id FROM posts WHERE id = ?", thread.openingPost());
        assertTrue(history.contains("deleted member " + tombstone), history);
    }

    @Test
    void removingAnAccountRemovesTheHistoryOfItsPostsAndTheReasonsItGave() {
        Browser admin = forum.member("Angelica", false);
        forum.execute("UPDATE members SET role = 'admin' WHERE username_key = 'angelica'");
        admin = forum.logIn("Angelica");
        HttpResponse<String> setting = admin.submit("/admin/settings", "/admin/settings",
                Map.of("accounts.deleted-member-posts", "remove"));
        assertEquals(303, setting.statusCode(), setting.body());
        try {
            Browser leaving = forum.member("Rhubarb", false);
            forum.execute("UPDATE members SET role = 'moderator' WHERE username_key = 'rhubarb'");
            leaving = forum.logIn("Rhubarb");
            Browser staying = forum.member("Sorrelina", false);
            Threads.Thread theirs = threads.start(leaving, "Forcing rhubarb early", "Cover the crowns in January.");
            Threads.Thread others = threads.start(staying, "Sorrel soup tonight", "With plenty of cream, please.");
            threads.agePost(theirs.openingPost());
            assertEquals(200, leaving.json("PATCH", "/api/v1/posts/" + theirs.openingPost(), new JsonObject()
                    .put("body", "Cover the crowns in February.").encode()).statusCode());
            assertEquals(200, leaving.json("PATCH", "/api/v1/posts/" + others.openingPost(), new JsonObject()
                    .put("body", "With plenty of cream and chives.").put("reason", "My secret reason").encode())
                    .statusCode());

            assertEquals(303, leaving.submit("/account/delete", "/account/delete", Map.of("username", "Rhubarb",
                    "password", Forum.PASSWORD)).statusCode());
            assertEquals(0, forum.number("SELECT COUNT(*) FROM post_revisions WHERE post_id = ?",
                    theirs.openingPost()));
            assertEquals(0, forum.number("SELECT COUNT(*) FROM posts WHERE id = ?", theirs.openingPost()));
            assertEquals("", forum.text("SELECT reason FROM post_revisions WHERE post_id = ?",
                    others.openingPost()));
        } finally {
            admin.submit("/admin/settings", "/admin/settings", Map.of("accounts.deleted-member-posts", "anonymise"));
        }
    }
}
