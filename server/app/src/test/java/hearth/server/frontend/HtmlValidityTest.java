package hearth.server.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key pages, as a visitor and as an admin gets them, are valid HTML according to the Nu HTML Checker. */
class HtmlValidityTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Map<String, String> pages;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        KeyPages.ensureAdmin(site);
        pages = KeyPages.of(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void visitorsPagesAreValid() throws Exception {
        Browser visitor = new Browser(site);
        List<String> errors = new ArrayList<>();
        for (String name : List.of("home", "topic-list", "topic", "profile", "event", "events", "sign-up")) {
            errors.addAll(check(visitor, pages.get(name)));
        }
        errors.addAll(check(visitor, "/login"));
        assertEquals(List.of(), errors);
    }

    @Test
    void adminsPagesAreValid() throws Exception {
        Browser admin = Members.logIn(site, KeyPages.ADMIN);
        List<String> errors = new ArrayList<>();
        for (String name : List.of("home", "topic-list", "topic", "profile", "event", "events", "admin")) {
            errors.addAll(check(admin, pages.get(name)));
        }
        String topicId = pages.get("topic").substring(pages.get("topic").lastIndexOf('/') + 1);
        KeyPages.volunteerRole(admin);
        for (String path : List.of("/new-topic", "/account/preferences", "/events/new", "/admin/plugins",
                "/admin/x/moderation/", "/x/moderation/topics/" + topicId, "/x/moderation/audit",
                "/admin/x/volunteer-roles/", "/admin/x/volunteer-roles/roles/new", "/x/volunteer-roles/team",
                "/x/volunteer-roles/trust/" + KeyPages.ADMIN, "/x/volunteer-roles/health")) {
            errors.addAll(check(admin, path));
        }
        assertEquals(List.of(), errors);
    }

    /** The checker's errors on the page at {@code path}, as "path line:column message". */
    private static List<String> check(Browser browser, String path) throws Exception {
        HttpResponse<String> page = browser.get(path);
        assertEquals(200, page.statusCode(), path);
        EmbeddedValidator validator = new EmbeddedValidator();
        validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
        validator.setNoLangDetect(true);
        String report = validator.validate(new ByteArrayInputStream(page.body().getBytes(StandardCharsets.UTF_8)));
        List<String> errors = new ArrayList<>();
        JsonArray messages = new JsonObject(report).getJsonArray("messages", new JsonArray());
        for (int i = 0; i < messages.size(); i++) {
            JsonObject message = messages.getJsonObject(i);
            if ("error".equals(message.getString("type")) || "fatal".equals(message.getString("subType"))) {
                errors.add(path + " " + message.getValue("lastLine") + ":" + message.getValue("firstColumn") + " "
                        + message.getString("message") + " [" + message.getString("extract", "").strip() + "]");
            }
        }
        return errors;
    }
}
