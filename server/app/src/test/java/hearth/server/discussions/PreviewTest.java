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

/** The live Markdown preview under the composers, as htmx and API clients ask for it. */
class PreviewTest {

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

    private static HttpResponse<String> preview(Browser member, String body) {
        return member.submit("/new-topic", "/preview", Map.of("body", body));
    }

    @Test
    void thePreviewIsExactlyWhatThePostWillShow() {
        Browser wren = forum.member("WrenPreview", false);
        String markdown = "Our **first** _harvest_:\n\n- beans\n- `peas`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                + "[seeds](https://example.org/seeds) ![plot](/uploads/" + "ab".repeat(32) + ".png)";
        HttpResponse<String> shown = preview(wren, markdown);
        assertEquals(200, shown.statusCode(), shown.body());
        assertTrue(shown.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(shown.body().contains("<strong>first</strong>"), shown.body());
        assertTrue(shown.body().contains("loading=\"lazy\""), shown.body());

        long topic = forum.number("SELECT MIN(id) FROM topics");
        HttpResponse<String> posted = wren.json("POST", "/api/v1/topics/" + topic + "/posts",
                new JsonObject().put("body", markdown).encode());
        assertEquals(201, posted.statusCode(), posted.body());
        assertEquals(new JsonObject(posted.body()).getString("bodyHtml"), shown.body());
        assertEquals(shown.body(), new JsonObject(wren.json("POST", "/api/v1/preview",
                new JsonObject().put("body", markdown).encode()).body()).getString("html"));
    }

    @Test
    void scriptsAndDangerousLinksAreRemoved() {
        Browser finch = forum.member("FinchPreview", false);
        HttpResponse<String> shown = preview(finch, "Hi <script>alert(document.cookie)</script>"
                + " [click](javascript:alert(1)) <img src=x onerror=alert(1)> <iframe src=\"https://evil.example\">");
        assertEquals(200, shown.statusCode());
        String html = shown.body();
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("javascript:"), html);
        assertFalse(html.contains("onerror"), html);
        assertFalse(html.contains("<iframe"), html);
        assertTrue(html.contains("Hi"), html);
    }

    @Test
    void shortDraftsArePreviewedAndTooLongOnesGetThePostingMessage() {
        Browser lark = forum.member("LarkPreview", false);
        assertEquals("", preview(lark, "  ").body());
        assertEquals("<p>Hi</p>\n", preview(lark, "Hi").body());
        String tooLong = "a".repeat(PostRules.BODY_MAX + 1);
        HttpResponse<String> refused = preview(lark, tooLong);
        assertEquals(400, refused.statusCode());
        String message = "Please keep it under 20000 characters (this is 20001).";
        assertTrue(refused.body().contains(message), refused.body());
        HttpResponse<String> api = lark.json("POST", "/api/v1/preview", new JsonObject().put("body", tooLong)
                .encode());
        assertEquals(400, api.statusCode());
        assertEquals(message, new JsonObject(api.body()).getString("error"));
        assertEquals("body", new JsonObject(api.body()).getString("field"));
        HttpResponse<String> posting = lark.json("POST", "/api/v1/topics/" + forum.number("SELECT MIN(id) FROM topics")
                + "/posts", new JsonObject().put("body", tooLong).encode());
        assertEquals(message, new JsonObject(posting.body()).getString("error"), "the same words as posting");
    }

    @Test
    void previewsNeedALoggedInMemberAndTheFormsToken() {
        Browser visitor = new Browser(site);
        assertEquals(401, visitor.submit("/login", "/preview", Map.of("body", "**hello**")).statusCode());
        assertEquals(401, visitor.json("POST", "/api/v1/preview", "{\"body\":\"**hello**\"}").statusCode());

        Browser robin = forum.member("RobinPreview", false);
        robin.get("/new-topic");
        HttpResponse<String> noToken = robin.post("/preview", Map.of("body", "**hello**"));
        assertEquals(403, noToken.statusCode(), noToken.body());
    }

    @Test
    void theComposersAskForPreviewsAsTheMemberTypes() {
        Browser wagtail = forum.member("WagtailPreview", false);
        String newTopic = wagtail.get("/new-topic").body();
        assertTrue(newTopic.contains("hx-post=\"/preview\""), newTopic);
        assertTrue(newTopic.contains("keyup changed delay:300ms from:#body"), newTopic);
        assertTrue(newTopic.contains("action=\"/uploads\""), newTopic);
        long topic = forum.number("SELECT MIN(id) FROM topics");
        String slug = forum.text("SELECT slug FROM topics WHERE id = ?", topic);
        String page = wagtail.get("/t/" + slug + "/" + topic).body();
        assertTrue(page.contains("id=\"body-preview\""), page);
        assertTrue(page.contains("hx-encoding=\"multipart/form-data\""), page);
        assertFalse(new Browser(site).get("/t/" + slug + "/" + topic).body().contains("hx-post=\"/preview\""),
                "visitors get no composer");
    }

    @Test
    void previewsAreRateLimited() {
        Browser swift = forum.member("SwiftPreview", false);
        for (int i = 0; i < PostPreview.PER_MINUTE; i++) {
            assertEquals(200, swift.json("POST", "/api/v1/preview", "{\"body\":\"draft " + i + "\"}").statusCode());
        }
        HttpResponse<String> refused = swift.json("POST", "/api/v1/preview", "{\"body\":\"one more\"}");
        assertEquals(429, refused.statusCode());
        assertTrue(new JsonObject(refused.body()).getString("error").contains("too quickly"), refused.body());
    }
}
