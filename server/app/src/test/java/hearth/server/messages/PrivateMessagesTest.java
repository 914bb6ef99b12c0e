package hearth.server.messages;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private conversations: only participants see and answer them (not even admins), they appear in no list, feed,
 * search, count or profile, starting one follows the rules (recipients, new-member bar, pace), and participants are
 * notified.
 */
class PrivateMessagesTest {

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
    void onlyParticipantsSeeAndAnswerAConversation() throws Exception {
        Browser alder = people.member("Alder");
        Browser birch = people.member("Birch");
        Browser cedar = people.member("Cedar");
        Browser outsider = people.member("Damson");
        Browser admin = people.admin("Warden");

        String page = start(alder, "birch, @Cedar", "Plans for the shared plot", "Shall we split the plot three ways?");
        HttpResponse<String> received = birch.get(page);
        assertEquals(200, received.statusCode());
        assertFalse(received.body().contains("class=\"inline like\"")
                || received.body().contains("class=\"inline bookmark\""), "no likes or bookmarks in a conversation");
        assertEquals(200, cedar.get(page).statusCode());
        HttpResponse<String> own = alder.get(page);
        assertEquals(200, own.statusCode());
        assertTrue(own.body().contains("Private conversation"), own.body());
        assertEquals(404, outsider.get(page).statusCode());
        assertEquals(404, admin.get(page).statusCode(), "not even admins read private conversations");
        assertEquals(404, site.get(page).statusCode());
        long id = id(page);
        assertEquals(404, admin.get("/api/v1/topics/" + id).statusCode());
        assertEquals(200, birch.get("/api/v1/topics/" + id).statusCode());

        HttpResponse<String> reply = birch.submit(page, page + "/reply", Map.of("body", "Three ways sounds fair."));
        assertEquals(303, reply.statusCode(), reply.body());
        assertEquals(404, outsider.submit("/messages", page + "/reply", Map.of("body", "Let me in on this one."))
                .statusCode());
        assertEquals(404, admin.json("POST", "/api/v1/topics/" + id + "/posts",
                new JsonObject().put("body", "Admins cannot write here.").encode()).statusCode());
        HttpResponse<String> apiReply = cedar.json("POST", "/api/v1/topics/" + id + "/posts",
                new JsonObject().put("body", "Count me in for the beans.").encode());
        assertEquals(201, apiReply.statusCode(), apiReply.body());
        assertEquals(3, new JsonObject(alder.get("/api/v1/topics/" + id).body()).getJsonArray("posts").size());
        // Admins cannot moderate it either: it is not a topic they can find.
        assertEquals(404, admin.json("POST", "/api/v1/topics/" + id + "/close",
                new JsonObject().put("closed", true).encode()).statusCode());
    }

    @Test
    void participantsAreNotifiedAndTheListMarksUnread() throws Exception {
        Browser elm = people.member("Elm");
        Browser fir = people.member("Fir");
        String page = start(elm, "fir", "Seed swap next week", "I have spare runner bean seeds for you.");
        long id = id(page);

        eventually("Fir is told of the message", () -> notifications(fir).stream().anyMatch(n ->
                "message".equals(n.getString("kind")) && n.getString("title").contains("Seed swap next week")));
        JsonObject listed = conversation(fir, id);
        assertEquals(1, listed.getInteger("unread"));
        assertEquals(List.of("Elm"), listed.getJsonArray("with").getList());
        HttpResponse<String> list = fir.get("/messages");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("Seed swap next week") && list.body().contains("1 unread"), list.body());

        assertEquals(200, fir.get(page).statusCode());
        eventually("reading clears unread", () -> conversation(fir, id).getInteger("unread") == 0);
        assertEquals(303, fir.submit(page, page + "/reply", Map.of("body", "Lovely, thank you!")).statusCode());
        eventually("Elm is told of the reply", () -> notifications(elm).stream().anyMatch(n ->
                "message".equals(n.getString("kind")) && n.getString("title").contains("replied in Seed swap")));
        assertTrue(notifications(fir).stream().noneMatch(n -> n.getString("title").contains("replied in")),
                "nobody is told of their own message");
    }

    @Test
    void conversationsAppearInNoListFeedSearchCountOrProfile() throws Exception {
        Browser gorse = people.member("Gorse");
        Browser hazel = people.member("Hazel");
        String before = site.get("/api/v1/categories").body();
        JsonObject countsBefore = new JsonObject(site.get("/api/v1/members/gorse").body()).getJsonObject("counts");
        String title = "Quillwort confidential";
        String page = start(gorse, "hazel", title, "The zanzibarite fertiliser secret stays between us.");
        assertEquals(303, hazel.submit(page, page + "/reply", Map.of("body", "My lips are sealed, zanzibarite."))
                .statusCode());
        long id = id(page);

        for (Browser viewer : List.of(gorse, hazel, people.admin("Overseer"))) {
            for (String list : List.of("/", "/latest", "/top?period=all", "/unanswered", "/c/general",
                    "/api/v1/topics?order=latest", "/api/v1/topics?order=top&period=all",
                    "/api/v1/topics?order=unanswered", "/feeds/latest", "/u/gorse", "/u/hazel",
                    "/api/v1/members/gorse", "/bookmarks")) {
                HttpResponse<String> response = viewer.get(list);
                assertEquals(200, response.statusCode(), list + " " + response.body());
                assertFalse(response.body().contains("Quillwort") || response.body().contains("zanzibarite"),
                        list + " shows the conversation");
            }
        }
        for (String query : List.of("zanzibarite", "quillwort")) {
            JsonObject found = new JsonObject(hazel.get("/api/v1/search?q=" + query).body());
            assertEquals(0, found.getInteger("total"), found.encode());
            assertFalse(hazel.get("/search?q=" + query).body().contains("/t/" + id));
        }
        assertEquals(404, site.get("/feeds/t/" + id).statusCode());
        assertEquals(404, gorse.get("/feeds/t/" + id).statusCode());
        assertEquals(before, site.get("/api/v1/categories").body(), "category counts leave conversations out");
        assertEquals(countsBefore, new JsonObject(site.get("/api/v1/members/gorse").body()).getJsonObject("counts"));
        long firstPost = people.number("SELECT id FROM posts WHERE topic_id = " + id + " AND post_number = 1");
        assertEquals(404, hazel.get("/p/" + firstPost).statusCode(), "posts of conversations have no public address");
        assertEquals(404, hazel.json("POST", "/api/v1/posts/" + firstPost + "/like",
                new JsonObject().put("liked", true).encode()).statusCode());
        assertEquals(0, people.number("SELECT COUNT(*) FROM journal WHERE event_type IN ('TopicCreated', "
                + "'PostCreated') AND payload LIKE '%\"topicId\":" + id + ",%'"), "plugins never hear of it");
        assertEquals(2, people.number("SELECT COUNT(*) FROM journal WHERE event_type = 'MessageSent' "
                + "AND payload LIKE '%\"topicId\":" + id + ",%'"));
    }

    @Test
    void recipientsAndFieldsAreCheckedNextToTheField() {
        Browser ivy = people.member("Ivy");
        people.member("Juniper");
        people.member("Kale");
        people.sql("UPDATE members SET status = 'suspended', status_until = '2999-01-01 00:00:00' "
                + "WHERE username_key = 'kale'");
        assertEquals("Please name at least one member to write to.", formError(ivy, "", "A fine title",
                "A body long enough."));
        assertEquals("There is no member called nobody-here.", formError(ivy, "juniper, nobody-here",
                "A fine title", "A body long enough."));
        assertEquals("You cannot write to yourself.", formError(ivy, "ivy", "A fine title", "A body long enough."));
        assertEquals("Kale cannot receive messages at the moment.", formError(ivy, "kale", "A fine title",
                "A body long enough."));
        String eleven = String.join(",", List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11"));
        assertEquals("Please write to at most 10 members at once.", formError(ivy, eleven, "A fine title",
                "A body long enough."));

        HttpResponse<String> both = ivy.submit("/messages/new?to=juniper", "/messages/new",
                Map.of("to", "juniper", "title", "Hi", "body", "short"));
        assertEquals(400, both.statusCode());
        assertTrue(both.body().contains("Please give a title of at least 5 characters."), both.body());
        assertTrue(both.body().contains("Please write at least 10 characters."), both.body());
        assertTrue(both.body().contains("value=\"juniper\""), "the form keeps what was typed");

        JsonObject error = new JsonObject(ivy.json("POST", "/api/v1/messages", new JsonObject()
                .put("to", new JsonArray().add("kale")).put("title", "Hello there").put("body", "A body long enough.")
                .encode()).body());
        assertEquals("to", error.getString("field"));
        assertEquals(401, site.get("/api/v1/messages").statusCode());
    }

    @Test
    void newMembersWaitToStartButMayReplyAndStaffNeverWait() throws Exception {
        Browser larch = people.newcomer("Larch");
        Browser maple = people.member("Maple");
        HttpResponse<String> form = larch.get("/messages/new?to=maple");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("New members can start private conversations 24 hours after joining."),
                form.body());
        assertEquals(403, larch.submit("/messages/new?to=maple", "/messages/new",
                Map.of("to", "maple", "title", "Hello neighbour", "body", "Fancy a chat about beans?")).statusCode());
        assertEquals(403, larch.json("POST", "/api/v1/messages", new JsonObject().put("to", "maple")
                .put("title", "Hello neighbour").put("body", "Fancy a chat about beans?").encode()).statusCode());

        String page = start(maple, "larch", "Welcome to the allotments", "Ask me anything about the plots.");
        assertEquals(303, larch.submit(page, page + "/reply", Map.of("body", "Thanks, I will!")).statusCode(),
                "a newcomer may answer a conversation they were added to");

        people.newcomer("Nettle");
        people.sql("UPDATE members SET role = 'moderator' WHERE username_key = 'nettle'");
        start(people.logIn("Nettle"), "maple", "Moderator hello", "Staff may write to anyone at once.");
    }

    @Test
    void startingIsPacedLikeTopics() {
        Browser oak = people.member("Oak");
        people.member("Pine");
        HttpResponse<String> first = oak.json("POST", "/api/v1/messages", new JsonObject()
                .put("to", new JsonArray().add("pine")).put("title", "First of two").put("body", "One message now.")
                .encode());
        assertEquals(201, first.statusCode(), first.body());
        JsonObject created = new JsonObject(first.body());
        assertEquals("First of two", created.getString("title"));
        assertEquals(List.of("Pine"), created.getJsonArray("with").getList());
        HttpResponse<String> second = oak.json("POST", "/api/v1/messages", new JsonObject()
                .put("to", new JsonArray().add("pine")).put("title", "Second of two").put("body", "And one more.")
                .encode());
        assertEquals(400, second.statusCode(), second.body());
        assertTrue(new JsonObject(second.body()).getString("error").startsWith("You are posting quickly"));
        JsonArray mine = new JsonObject(oak.get("/api/v1/messages").body()).getJsonArray("conversations");
        assertTrue(mine.stream().map(c -> ((JsonObject) c).getString("title")).toList().contains("First of two"));
    }

    @Test
    void aDeletedMemberLeavesTheirConversationsWhichStayForTheOthers() throws Exception {
        Browser quince = people.member("Quince");
        Browser rowan = people.member("Rowan");
        String page = start(quince, "rowan", "Before I go", "Here is my compost recipe for you.");
        long id = id(page);
        HttpResponse<String> deleted = quince.submit("/account/delete", "/account/delete",
                Map.of("username", "Quince", "password", hearth.server.testing.Members.PASSWORD));
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals(0, people.number("SELECT COUNT(*) FROM topic_participants WHERE topic_id = " + id
                + " AND member_id = (SELECT author_id FROM topics WHERE id = " + id + ")"));
        assertEquals(200, rowan.get(page).statusCode(), "the conversation stays for the others");
        assertEquals("There is no member called quince.", formError(rowan, "quince", "A fine title",
                "A body long enough."));
    }

    /** Starts a conversation through the form; returns its page. */
    private static String start(Browser from, String to, String title, String body) {
        HttpResponse<String> started = from.submit("/messages/new", "/messages/new",
                Map.of("to", to, "title", title, "body", body));
        assertEquals(303, started.statusCode(), started.body());
        return started.headers().firstValue("location").orElseThrow();
    }

    private static long id(String page) {
        return Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
    }

    /** The error shown next to the "to" field. */
    private static String formError(Browser from, String to, String title, String body) {
        HttpResponse<String> response = from.submit("/messages/new", "/messages/new",
                Map.of("to", to, "title", title, "body", body));
        assertEquals(400, response.statusCode(), response.body());
        JsonObject api = new JsonObject(from.json("POST", "/api/v1/messages", new JsonObject().put("to", to)
                .put("title", title).put("body", body).encode()).body());
        assertEquals("to", api.getString("field"));
        assertTrue(response.body().contains(escape(api.getString("error"))), response.body());
        return api.getString("error");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static List<JsonObject> notifications(Browser member) {
        JsonObject json = new JsonObject(member.get("/api/v1/notifications").body());
        return json.getJsonArray("notifications").stream().map(n -> (JsonObject) n).toList();
    }

    private static JsonObject conversation(Browser member, long id) {
        return new JsonObject(member.get("/api/v1/messages").body()).getJsonArray("conversations").stream()
                .map(c -> (JsonObject) c).filter(c -> c.getLong("id") == id).findFirst().orElseThrow();
    }
}
