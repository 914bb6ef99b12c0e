package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authors and moderators edit posts from the page and the API; the rules of posting apply; nobody else may. */
class PostEditingTest {

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
    void theAuthorEditsFromThePageAndAQuickFixLeavesNoTrace() {
        Browser author = forum.member("Quillon", false);
        Threads.Thread thread = threads.start(author, "Leek rust again", "My leeks hav orange spots.");
        String page = author.get(thread.page()).body();
        assertTrue(page.contains("href=\"/p/" + thread.openingPost() + "/edit\""), "the author sees Edit");
        HttpResponse<String> form = author.get("/p/" + thread.openingPost() + "/edit");
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.body().contains("My leeks hav orange spots."));
        assertTrue(form.body().contains("name=\"title\""), "the opening post's form has the title");

        HttpResponse<String> saved = author.submit("/p/" + thread.openingPost() + "/edit",
                "/p/" + thread.openingPost() + "/edit", Map.of("title", "Leek rust again",
                        "body", "My leeks have orange spots.", "reason", ""));
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(saved.headers().firstValue("Location").orElseThrow().endsWith("#post-1"));
        String shown = site.get(thread.page()).body();
        assertTrue(shown.contains("My leeks have orange spots."));
        assertFalse(shown.contains("class=\"edited\""), "within the grace period: no edited mark");
        assertEquals(0, forum.number("SELECT COUNT(*) FROM post_revisions WHERE post_id = ?", thread.openingPost()));
        assertEquals(1, forum.number("SELECT COUNT(*) FROM journal WHERE event_type LIKE '%PostEdited'"
                + " AND payload LIKE ?", "%\"postId\":" + thread.openingPost() + ",%"));
    }

    @Test
    void aLaterEditKeepsThePreviousVersionAndChangesTheTitle() {
        Browser author = forum.member("Tansy", false);
        Threads.Thread thread = threads.start(author, "Potato blight in July", "Brown patches on the leaves.");
        threads.agePost(thread.openingPost());
        HttpResponse<String> edited = author.json("PATCH", "/api/v1/posts/" + thread.openingPost(), new JsonObject()
                .put("body", "Brown patches on the lower leaves.").put("title", "Potato blight in August")
                .put("reason", "More precise").encode());
        assertEquals(200, edited.statusCode(), edited.body());
        JsonObject post = new JsonObject(edited.body());
        assertEquals(1, post.getInteger("revisions"));
        assertEquals("Potato blight in August", post.getJsonObject("topic").getString("title"));
        assertEquals("Potato blight in August", forum.text("SELECT title FROM topics WHERE id = ?",
                thread.topicId()));
        assertEquals("Potato blight in July", forum.text("SELECT previous_title FROM post_revisions"
                + " WHERE post_id = ?", thread.openingPost()));
        assertEquals("potato-blight-in-august", forum.text("SELECT slug FROM topics WHERE id = ?",
                thread.topicId()));
        String shown = site.get("/t/potato-blight-in-august/" + thread.topicId()).body();
        assertTrue(shown.contains("href=\"/p/" + thread.openingPost() + "/revisions\">edited</a>"), shown);
    }

    @Test
    void editsFollowThePostingRulesWithErrorsNextToTheField() {
        Browser author = forum.member("Hollyhock", false);
        Threads.Thread thread = threads.start(author, "Sowing sweet peas", "Soak the seeds first?");
        long reply = threads.reply(forum.member("Lupin", false), thread, "Overnight in warm water.");
        Browser lupin = forum.logIn("Lupin");

        HttpResponse<String> tooShort = author.json("PATCH", "/api/v1/posts/" + thread.openingPost(),
                "{\"body\": \"Soak?\"}");
        assertEquals(400, tooShort.statusCode());
        assertEquals("body", new JsonObject(tooShort.body()).getString("field"));
        HttpResponse<String> shouting = author.json("PATCH", "/api/v1/posts/" + thread.openingPost(),
                "{\"body\": \"Soak the seeds first?\", \"title\": \"SWEET PEAS NOW\"}");
        assertEquals(400, shouting.statusCode());
        assertEquals("title", new JsonObject(shouting.body()).getString("field"));
        HttpResponse<String> longReason = author.json("PATCH", "/api/v1/posts/" + thread.openingPost(),
                new JsonObject().put("body", "Soak the seeds first, or not?").put("reason", "x".repeat(201)).encode());
        assertEquals(400, longReason.statusCode());
        assertEquals("reason", new JsonObject(longReason.body()).getString("field"));
        HttpResponse<String> titledReply = lupin.json("PATCH", "/api/v1/posts/" + reply,
                "{\"body\": \"Overnight in warm water.\", \"title\": \"A title for a reply\"}");
        assertEquals(400, titledReply.statusCode());
        assertEquals("title", new JsonObject(titledReply.body()).getString("field"));

        HttpResponse<String> form = author.submit("/p/" + thread.openingPost() + "/edit",
                "/p/" + thread.openingPost() + "/edit", Map.of("title", "Sowing sweet peas", "body", "Soak?"));
        assertEquals(400, form.statusCode());
        assertTrue(form.body().contains("id=\"body-error\""), form.body());
        assertTrue(form.body().contains("Please write at least 10 characters."));
        assertEquals("Soak the seeds first?", forum.text("SELECT body_markdown FROM posts WHERE id = ?",
                thread.openingPost()), "nothing half-written");
    }

    @Test
    void nobodyElseEditsButModeratorsDoAndLeaveARevision() {
        Browser author = forum.member("Mallow", false);
        Threads.Thread thread = threads.start(author, "Compost too wet", "It smells like a swamp.");
        Browser other = forum.member("Sneezewort", false);
        String edit = "/p/" + thread.openingPost() + "/edit";

        assertFalse(other.get(thread.page()).body().contains("href=\"" + edit + "\""));
        assertEquals(403, other.get(edit).statusCode());
        assertEquals(403, other.submit(thread.page(), edit, Map.of("body", "Vandalised by someone else.")).statusCode());
        assertEquals(403, other.json("PATCH", "/api/v1/posts/" + thread.openingPost(),
                "{\"body\": \"Vandalised by someone else.\"}").statusCode());
        Browser visitor = new Browser(site);
        HttpResponse<String> anonymous = visitor.get(edit);
        assertEquals(303, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Location").orElseThrow().startsWith("/login?next="));
        assertEquals(401, visitor.json("PATCH", "/api/v1/posts/" + thread.openingPost(),
                "{\"body\": \"Vandalised by a visitor.\"}").statusCode());
        assertEquals(404, author.json("PATCH", "/api/v1/posts/999999", "{\"body\": \"No such post here.\"}")
                .statusCode());

        Browser moderator = threads.moderator("Meadowsweet");
        assertTrue(moderator.get(thread.page()).body().contains("href=\"" + edit + "\""));
        HttpResponse<String> fixed = moderator.json("PATCH", "/api/v1/posts/" + thread.openingPost(),
                "{\"body\": \"It smells like a swamp. Add cardboard.\", \"reason\": \"Helpful hint\"}");
        assertEquals(200, fixed.statusCode(), fixed.body());
        assertEquals(1, forum.number("SELECT COUNT(*) FROM post_revisions WHERE post_id = ? AND editor_id = ?",
                thread.openingPost(), forum.id("Meadowsweet")), "a moderator's edit is never silent");
        assertEquals("It smells like a swamp. Add cardboard.", forum.text(
                "SELECT body_markdown FROM posts WHERE id = ?", thread.openingPost()));
    }
}
