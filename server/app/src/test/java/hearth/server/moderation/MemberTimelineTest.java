package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff's member timeline and moderator notes: one view, newest first, paged; notes only staff ever see. */
class MemberTimelineTest {

    private static final Pattern KIND = Pattern.compile("data-kind=\"([^\"]+)\"");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser moderator;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        admin = Members.member(site, "Timeadmin", "admin");
        moderator = Members.member(site, "Timemod", "moderator");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static long id(String username) {
        return Long.parseLong(Sql.value(site.database(), "SELECT id FROM members WHERE username_key = ?",
                username.toLowerCase(Locale.ROOT)));
    }

    static HttpResponse<String> act(Browser who, String username, String action, Map<String, String> fields) {
        return who.submit("/", "/x/moderation/members/" + username + "/" + action, fields);
    }

    static List<String> kinds(String page) {
        List<String> kinds = new ArrayList<>();
        Matcher m = KIND.matcher(page);
        while (m.find()) {
            kinds.add(m.group(1));
        }
        return kinds;
    }

    @Test
    void oneViewNewestFirstOfPostsSanctionsNotesAndAppeals() {
        Browser lynx = Members.member(site, "Timelynx", "member");
        String general = Sql.value(site.database(), "SELECT id FROM categories WHERE name = 'General'");
        assertEquals(303, lynx.submit("/new-topic", "/new-topic", Map.of("categoryId", general,
                "title", "Beans in the shade", "body", "Do runner beans mind a shady fence?")).statusCode());
        long post = Long.parseLong(Sql.value(site.database(), "SELECT p.id FROM posts p JOIN topics t"
                + " ON t.id = p.topic_id WHERE t.title = 'Beans in the shade'"));
        // What another part of the plugin (topic tools, the review queue) writes when it hides a post.
        Sql.change(site.database(), "INSERT INTO moderation_audit (at, actor_id, action, subject_type, subject_id,"
                + " reason) VALUES (?, ?, 'hide', 'post', ?, 'Looks like an advert')", Instant.now(), id("Timemod"),
                post);
        HttpResponse<String> warned = act(moderator, "Timelynx", "warn", Map.of("reason", "Keep it friendly."));
        assertEquals(303, warned.statusCode(), warned.body());
        assertEquals(303, act(moderator, "Timelynx", "notes", Map.of("note", "Seems to mean well.")).statusCode());
        assertEquals(303, act(moderator, "Timelynx", "silence", Map.of("length", "day", "reason", "Cool off.")).statusCode());
        assertEquals(303, new Browser(site).submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "Timelynx", "message", "I was only joking.")).statusCode());
        assertEquals(303, act(moderator, "Timelynx", "lift", Map.of("reason", "Fair enough.")).statusCode());

        String page = moderator.get("/x/moderation/members/Timelynx").body();
        List<String> kinds = kinds(page);
        assertEquals(List.of("lift", "appeal", "silence", "note", "warn", "post.hide", "topic"), kinds, page);
        assertTrue(page.contains("Seems to mean well.") && page.contains("Keep it friendly.")
                && page.contains("I was only joking.") && page.contains("Looks like an advert")
                && page.contains("Beans in the shade"), page);
        assertEquals(page.indexOf("Seems to mean well."), page.lastIndexOf("Seems to mean well."), "the note once");
        assertTrue(page.contains("href=\"/p/" + post + "\""));

        HttpResponse<String> api = moderator.json("GET", "/x/moderation/api/members/Timelynx", null);
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"kind\":\"note\"") && api.body().contains("\"kind\":\"topic\"")
                && api.body().contains("\"standing\":{\"standing\":\"active\""), api.body());
    }

    @Test
    void notesAreForStaffOnlyAndCannotBeChanged() {
        Browser otter = Members.member(site, "Noteotter", "member");
        assertEquals(303, act(moderator, "Noteotter", "notes", Map.of("note", "Second account of someone?"))
                .statusCode());
        assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE action = 'note'"
                + " AND subject_id = ?", id("Noteotter")));

        assertEquals(403, otter.get("/x/moderation/members/Noteotter").statusCode());
        assertEquals(403, otter.json("GET", "/x/moderation/api/members/Noteotter", null).statusCode());
        for (String path : List.of("/u/Noteotter", "/messages", "/")) {
            assertFalse(otter.get(path).body().contains("Second account of someone?"), path);
        }

        HttpResponse<String> empty = act(moderator, "Noteotter", "notes", Map.of("note", "  "));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("id=\"notes-note-error\""), empty.body());
        HttpResponse<String> tooLong = act(moderator, "Noteotter", "notes", Map.of("note", "n".repeat(2001)));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("Keep the note under 2,000 characters."));
        assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_notes WHERE member_id = ?",
                id("Noteotter")));
        assertEquals(404, act(moderator, "Noteotter", "notes/1", Map.of("note", "edited")).statusCode(),
                "no route edits a note");
        assertEquals(403, act(otter, "Noteotter", "notes", Map.of("note", "My own note")).statusCode());
    }

    @Test
    void theTimelineIsPagedFiftyAtATime() {
        Members.member(site, "Pagedpuffin", "member");
        long puffin = id("Pagedpuffin");
        Instant now = Instant.now();
        for (int i = 0; i < 55; i++) {
            Sql.change(site.database(), "INSERT INTO moderation_notes (member_id, author_id, body, created_at)"
                    + " VALUES (?, ?, ?, ?)", puffin, id("Timemod"), String.format("Paged note %02d", i),
                    now.minus(Duration.ofMinutes(i)));
        }
        String first = admin.get("/x/moderation/members/Pagedpuffin").body();
        assertEquals(50, kinds(first).size());
        assertTrue(first.indexOf("Paged note 00") < first.indexOf("Paged note 01"), "newest first");
        assertFalse(first.contains("Paged note 50"));
        assertTrue(first.contains("?page=1#timeline") && !first.contains("rel=\"prev\""));
        String second = admin.get("/x/moderation/members/Pagedpuffin?page=1").body();
        assertEquals(5, kinds(second).size());
        assertTrue(second.contains("Paged note 54") && second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""));
    }

    @Test
    void theModerationPagesAreValidHtml() throws Exception {
        Members.member(site, "Validvole", "member");
        assertEquals(303, act(admin, "Validvole", "notes", Map.of("note", "Checking the markup.")).statusCode());
        assertEquals(303, new Browser(site).submit("/x/moderation/appeal", "/x/moderation/appeal",
                Map.of("identifier", "Validvole", "message", "Markup appeal.")).statusCode());
        List<String> errors = new ArrayList<>();
        for (String path : List.of("/x/moderation/members/Validvole", "/x/moderation/reasons",
                "/x/moderation/appeals", "/u/Validvole")) {
            errors.addAll(check(path, admin.get(path)));
        }
        errors.addAll(check("/x/moderation/appeal", site.get("/x/moderation/appeal")));
        errors.addAll(check("suspend with bad days", act(admin, "Validvole", "suspend",
                Map.of("length", "custom", "days", "0", "reason", "x"))));
        assertEquals(List.of(), errors);
    }

    /** The Nu HTML Checker's errors on a page, as "what line:column message". */
    private static List<String> check(String what, HttpResponse<String> page) throws Exception {
        EmbeddedValidator validator = new EmbeddedValidator();
        validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
        validator.setNoLangDetect(true);
        String report = validator.validate(new ByteArrayInputStream(page.body().getBytes(StandardCharsets.UTF_8)));
        List<String> errors = new ArrayList<>();
        JsonArray messages = new JsonObject(report).getJsonArray("messages", new JsonArray());
        for (int i = 0; i < messages.size(); i++) {
            JsonObject message = messages.getJsonObject(i);
            if ("error".equals(message.getString("type")) || "fatal".equals(message.getString("subType"))) {
                errors.add(what + " " + message.getValue("lastLine") + ":" + message.getValue("firstColumn") + " "
                        + message.getString("message") + " [" + message.getString("extract", "").strip() + "]");
            }
        }
        return errors;
    }
}
