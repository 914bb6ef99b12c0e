package hearth.server.messages;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The welcome message new members receive, and the admin page that edits it and the messaging settings. */
class WelcomeMessageTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Correspondents people;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        people = new Correspondents(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aNewMemberIsWelcomedOnceByTheFirstAdmin() throws Exception {
        Browser wren = Members.signUp(site, "Wren");
        eventually("Wren is welcomed", () -> conversations(wren).size() == 1);
        JsonObject welcome = conversations(wren).getFirst();
        assertEquals("Welcome to the community!", welcome.getString("title"));
        assertEquals(List.of("Maya Okafor"), welcome.getJsonArray("with").getList());
        HttpResponse<String> page = wren.get(welcome.getString("url"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("We are glad you joined."), page.body());
        long member = people.number("SELECT id FROM members WHERE username_key = 'wren'");
        waitForWelcomeListener();
        assertEquals(1, people.number("SELECT COUNT(*) FROM welcomes_sent WHERE member_id = " + member));
        assertEquals(1, conversations(wren).size(), "exactly once");
        assertTrue(!site.get("/latest").body().contains("Welcome to the community!"), "in no list");
    }

    @Test
    void adminsEditTheMessageChooseTheSenderOrTurnItOff() throws Exception {
        Browser keeper = people.admin("Keeper");
        HttpResponse<String> form = keeper.get("/admin/messages");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("Welcome to the community!"), form.body());

        HttpResponse<String> bad = keeper.submit("/admin/messages", "/admin/messages", fields("24", "yes", "Hi",
                "Hello to you.", "nobody-at-all"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Please give a title of at least 5 characters."), bad.body());
        assertTrue(bad.body().contains("There is no moderator or admin called nobody-at-all."), bad.body());
        HttpResponse<String> hours = keeper.submit("/admin/messages", "/admin/messages", fields("soon", "yes",
                "Hello from the keepers", "Glad to have you here with us.", "keeper"));
        assertEquals(400, hours.statusCode());
        assertTrue(hours.body().contains("Give a whole number of hours from 0 to 8760."), hours.body());

        assertEquals(303, keeper.submit("/admin/messages", "/admin/messages", fields("24", "yes",
                "Hello from the keepers", "Glad to have you here with us.", "keeper")).statusCode());
        Browser yarrow = Members.signUp(site, "Yarrow");
        eventually("Yarrow is welcomed by Keeper", () -> conversations(yarrow).stream().anyMatch(c ->
                "Hello from the keepers".equals(c.getString("title"))
                        && c.getJsonArray("with").getList().equals(List.of("Keeper"))));

        Map<String, String> off = fields("24", "", "Hello from the keepers", "Glad to have you here with us.", "");
        off.remove("welcomeEnabled");
        assertEquals(303, keeper.submit("/admin/messages", "/admin/messages", off).statusCode());
        Browser zinnia = Members.signUp(site, "Zinnia");
        waitForWelcomeListener();
        assertEquals(0, conversations(zinnia).size(), "turned off, nobody is welcomed");
        assertEquals(303, keeper.submit("/admin/messages", "/admin/messages", fields("24", "yes",
                "Hello from the keepers", "Glad to have you here with us.", "")).statusCode());
    }

    @Test
    void onlyAdminsChangeMessagingAndTheAgeBarFollowsTheSetting() throws Exception {
        Browser member = people.member("Sorrel");
        assertEquals(403, member.get("/admin/messages").statusCode());
        assertEquals(403, member.submit("/messages", "/admin/messages", fields("0", "yes", "Hello everyone",
                "A new welcome text.", "")).statusCode());
        Browser steward = people.admin("Steward");
        Browser fresh = people.newcomer("Tansy");
        assertEquals(403, fresh.json("POST", "/api/v1/messages", message("sorrel")).statusCode());
        assertEquals(303, steward.submit("/admin/messages", "/admin/messages", fields("0", "yes",
                "Welcome to the community!", "Glad to have you here with us.", "")).statusCode());
        HttpResponse<String> now = fresh.json("POST", "/api/v1/messages", message("sorrel"));
        assertEquals(201, now.statusCode(), now.body());
        assertEquals(303, steward.submit("/admin/messages", "/admin/messages", fields("24", "yes",
                "Welcome to the community!", "Glad to have you here with us.", "")).statusCode());
    }

    private static String message(String to) {
        return new JsonObject().put("to", new JsonArray().add(to)).put("title", "Hello from a newcomer")
                .put("body", "Nice to meet you all here.").encode();
    }

    private static Map<String, String> fields(String hours, String enabled, String title, String body, String sender) {
        Map<String, String> fields = new HashMap<>(Map.of("minAccountHours", hours, "title", title, "body", body,
                "sender", sender));
        if (!enabled.isEmpty()) {
            fields.put("welcomeEnabled", enabled);
        }
        return fields;
    }

    /** Waits until the welcome listener has handled every journal entry so far. */
    private static void waitForWelcomeListener() throws InterruptedException {
        long head = people.number("SELECT MAX(position) FROM journal");
        eventually("the welcome listener catches up", () -> people.number(
                "SELECT COALESCE(MAX(position), 0) FROM journal_cursors WHERE listener_id = '"
                        + WelcomeMessages.ID + "'") >= head);
    }

    private static List<JsonObject> conversations(Browser member) {
        return new JsonObject(member.get("/api/v1/messages").body()).getJsonArray("conversations").stream()
                .map(c -> (JsonObject) c).toList();
    }
}
