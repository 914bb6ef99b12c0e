package hearth.server.profiles;

import static hearth.server.profiles.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API: /api/v1/members, /api/v1/me/profile and /api/v1/me/preferences. */
class ProfilesApiTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community people;
    static Browser admin;
    static Browser moderator;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        people = new Community(site);
        admin = people.signUp("Founder");
        moderator = people.staff("Tomas", "moderator");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static Api anonymous() {
        return new Api(site, null);
    }

    private static void assertError(HttpResponse<String> response, int status, String field, String message,
                                    String why) {
        assertEquals(status, response.statusCode(), why);
        assertError(response, status, field, message);
    }

    private static void assertError(HttpResponse<String> response, int status, String field, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        JsonObject error = json(response);
        assertEquals(field, error.getString("field"), response.body());
        assertTrue(error.getString("error").startsWith(message), response.body());
    }

    @Test
    void aMembersProfileRespectsPrivacy() {
        Browser rowan = people.signUp("Rowan");
        Api api = new Api(site, rowan);
        HttpResponse<String> patched = api.patch("/api/v1/me/profile", """
                {"displayName": "Rowan Ash", "bio": "Hi *there*", "website": "https://rowan.example",
                 "location": "Lisbon", "pronouns": "they/them", "timeZone": "Europe/Lisbon"}""");
        assertEquals(200, patched.statusCode(), patched.body());
        long topic = people.topic(people.id("Rowan"), "Beans", "beans", Instant.parse("2026-02-01T00:00:00Z"));

        HttpResponse<String> response = anonymous().get("/api/v1/members/ROWAN");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject profile = json(response);
        assertEquals("Rowan", profile.getString("username"));
        assertEquals("Rowan Ash", profile.getString("displayName"));
        assertEquals("<p>Hi <em>there</em></p>\n", profile.getString("bioHtml"));
        assertEquals("https://rowan.example", profile.getString("website"));
        assertEquals("Europe/Lisbon", profile.getString("timeZone"));
        assertEquals("/u/Rowan/avatar", profile.getString("avatarUrl"));
        assertEquals(new JsonObject().put("topics", 1).put("replies", 0).put("likesReceived", 0),
                profile.getJsonObject("counts"));
        JsonArray recent = profile.getJsonArray("recentPosts");
        assertEquals("/t/beans/" + topic, recent.getJsonObject(0).getString("url"));
        assertFalse(profile.containsKey("bio"), "the Markdown source is the member's own business");
        assertFalse(profile.getBoolean("private"));

        assertEquals(200, api.patch("/api/v1/me/profile", "{\"hideProfile\": true, \"hidePresence\": true}")
                .statusCode());
        JsonObject hidden = json(new Api(site, people.signUp("Nosy")).get("/api/v1/members/rowan"));
        assertEquals(new JsonObject().put("id", people.id("Rowan")).put("username", "Rowan").put("private", true)
                .put("restricted", true), hidden);
        JsonObject staffView = json(new Api(site, moderator).get("/api/v1/members/rowan"));
        assertEquals("Rowan Ash", staffView.getString("displayName"));
        assertTrue(staffView.getString("lastSeenAt") != null, "staff see presence");

        assertError(anonymous().get("/api/v1/members/nobody"), 404, null, "There is no member called nobody.");
    }

    @Test
    void theDirectoryInJson() {
        people.member("apiA", "Alpha", Instant.parse("2099-01-01T00:00:00Z"), null);
        people.member("apiB", "Beta", Instant.parse("2099-01-02T00:00:00Z"), null);
        long hidden = people.member("apiHidden", "Gamma", Instant.parse("2099-01-03T00:00:00Z"), null);
        people.execute("UPDATE members SET profile_hidden = TRUE WHERE id = ?", hidden);
        HttpResponse<String> response = anonymous().get("/api/v1/members?sort=joined&q=API");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject page = json(response);
        assertEquals(1, page.getInteger("page"));
        assertEquals(30, page.getInteger("pageSize"));
        assertFalse(page.getBoolean("hasNext"));
        JsonArray members = page.getJsonArray("members");
        assertEquals(3, members.size(), page.encodePrettily());
        JsonObject first = members.getJsonObject(0);
        assertEquals("apiHidden", first.getString("username"));
        assertTrue(first.getBoolean("restricted"));
        assertNull(first.getString("displayName"));
        assertNull(first.getString("joinedAt"));
        assertEquals("Beta", members.getJsonObject(1).getString("displayName"));
        assertEquals(0, members.getJsonObject(1).getInteger("posts"));
        assertEquals(0, members.getJsonObject(1).getInteger("likesReceived"));

        assertError(anonymous().get("/api/v1/members?sort=height"), 400, "sort", "Sort by joined");
        assertError(anonymous().get("/api/v1/members?page=0"), 400, "page", "Pages are numbered from 1");
        assertError(anonymous().get("/api/v1/members?page=x"), 400, "page", "Pages are numbered from 1");
        assertEquals(0, json(anonymous().get("/api/v1/members?q=api&page=2")).getJsonArray("members").size());
    }

    @Test
    void myProfileNeedsALoginAndRefusesBadInputByField() {
        assertError(anonymous().get("/api/v1/me/profile"), 401, null, "Please log in first.");
        assertError(anonymous().patch("/api/v1/me/profile", "{}"), 403, null, "This form has expired",
                "a write without a session has no CSRF cookie either");

        Browser hazel = people.signUp("Hazel");
        Api api = new Api(site, hazel);
        JsonObject mine = json(api.get("/api/v1/me/profile"));
        assertEquals("Hazel", mine.getString("displayName"));
        assertEquals("", mine.getString("bio"));
        assertEquals("UTC", mine.getString("timeZone"));
        assertFalse(mine.getBoolean("hideProfile"));

        assertError(api.patch("/api/v1/me/profile", "{\"website\": \"javascript:alert(1)\"}"), 400, "website",
                "Only web addresses starting with https:// or http:// are allowed.");
        assertError(api.patch("/api/v1/me/profile", "{\"displayName\": 42}"), 400, "displayName",
                "Send displayName as a string.");
        assertError(api.patch("/api/v1/me/profile", "{\"displayName\": null}"), 400, "displayName",
                "Enter a display name.");
        assertError(api.patch("/api/v1/me/profile", "{\"hideProfile\": \"yes\"}"), 400, "hideProfile",
                "Send hideProfile as true or false.");
        assertError(api.patch("/api/v1/me/profile", "{\"timeZone\": \"Atlantis/Deep\"}"), 400, "timeZone",
                "That is not a time zone we know.");
        assertError(api.patch("/api/v1/me/profile", "{\"username\": \"Boss\"}"), 400, "username",
                "There is no field called username to change here");
        assertError(api.patch("/api/v1/me/profile", "{\"fields\": {\"999\": \"x\"}}"), 400, "fields.999",
                "There is no such profile field");
        assertError(api.patch("/api/v1/me/profile", "{\"fields\": {\"crop\": \"x\"}}"), 400, "fields.crop",
                "Name custom fields by their id.");
        assertError(api.patch("/api/v1/me/profile", "{\"fields\": [1]}"), 400, "fields", "Send fields as an object.");
        assertError(api.patch("/api/v1/me/profile", "not json"), 400, "body", "The body is not a valid JSON object.");
        assertError(api.patch("/api/v1/me/profile", "[1, 2]"), 400, "body", "The body is not a valid JSON object.");
        assertError(api.patchWithoutToken("/api/v1/me/profile", "{\"location\": \"Forged\"}"), 403, null,
                "This form has expired or came from another site.");
        assertEquals("", people.text("SELECT location FROM members WHERE username_key = 'hazel'"));
        assertEquals("Hazel", people.text("SELECT display_name FROM members WHERE username_key = 'hazel'"));

        admin.submit("/admin/profile-fields", "/admin/profile-fields", Map.of("label", "Plot", "kind", "select",
                "options", "North\nSouth", "visibility", "members"));
        long plot = people.number("SELECT id FROM profile_fields WHERE label = 'Plot'");
        assertError(api.patch("/api/v1/me/profile", "{\"fields\": {\"" + plot + "\": \"West\"}}"), 400,
                "fields." + plot, "Choose one of the options for Plot.");
        HttpResponse<String> ok = api.patch("/api/v1/me/profile", "{\"location\": \" Porto \", \"fields\": {\""
                + plot + "\": \"South\"}}");
        assertEquals(200, ok.statusCode(), ok.body());
        JsonObject updated = json(ok);
        assertEquals("Porto", updated.getString("location"));
        assertEquals("Hazel", updated.getString("displayName"), "fields left out stay as they were");
        JsonObject field = updated.getJsonArray("fields").getJsonObject(0);
        assertEquals("South", field.getString("value"));
        assertEquals(new JsonArray().add("North").add("South"), field.getJsonArray("options"));
        assertEquals("South", json(new Api(site, moderator).get("/api/v1/members/hazel")).getJsonArray("fields")
                .getJsonObject(0).getString("value"));
        assertEquals(0, json(anonymous().get("/api/v1/members/hazel")).getJsonArray("fields").size(),
                "members only");
        assertEquals(200, api.patch("/api/v1/me/profile", "{\"fields\": {\"" + plot + "\": null}}").statusCode());
        assertEquals(0, people.number("SELECT COUNT(*) FROM profile_field_values WHERE field_id = ?", plot));
    }

    @Test
    void myPreferences() {
        assertError(anonymous().get("/api/v1/me/preferences"), 401, null, "Please log in first.");
        Browser ines = people.signUp("Ines");
        people.signUp("Kwame");
        Api api = new Api(site, ines);
        JsonObject defaults = json(api.get("/api/v1/me/preferences"));
        assertEquals(new JsonObject().put("replies", "daily").put("mentions", "daily")
                .put("messages", "daily").put("other", "daily").put("digest", "never"),
                defaults.getJsonObject("email"));
        assertEquals("auto", defaults.getString("theme"));
        assertEquals("UTC", defaults.getString("timeZone"));
        assertEquals(new JsonArray(), defaults.getJsonArray("ignored"));

        HttpResponse<String> put = api.put("/api/v1/me/preferences", """
                {"email": {"mentions": "immediately", "digest": "weekly"}, "theme": "light", "timeZone": "Asia/Tokyo",
                 "ignored": ["kwame"]}""");
        assertEquals(200, put.statusCode(), put.body());
        JsonObject saved = json(put);
        assertEquals("immediately", saved.getJsonObject("email").getString("mentions"));
        assertEquals("daily", saved.getJsonObject("email").getString("replies"), "kinds left out stay");
        assertEquals("weekly", saved.getJsonObject("email").getString("digest"));
        assertEquals("light", saved.getString("theme"));
        assertEquals("Asia/Tokyo", saved.getString("timeZone"));
        assertEquals("Kwame", saved.getJsonArray("ignored").getJsonObject(0).getString("username"));
        assertTrue(ines.get("/").body().contains("data-theme=\"light\""), "the page theme follows at once");

        assertError(api.put("/api/v1/me/preferences", "{\"email\": {\"digest\": \"immediately\"}}"), 400,
                "email.digest", "The digest can be sent daily, weekly or never.");
        assertError(api.put("/api/v1/me/preferences", "{\"email\": {\"pigeons\": \"daily\"}}"), 400,
                "email.pigeons", "There is no such kind of notification");
        assertError(api.put("/api/v1/me/preferences", "{\"email\": {\"replies\": 1}}"), 400, "email.replies",
                "Send email.replies as a string.");
        assertError(api.put("/api/v1/me/preferences", "{\"theme\": \"sepia\"}"), 400, "theme",
                "Choose light, dark or auto.");
        assertError(api.put("/api/v1/me/preferences", "{\"ignored\": [\"tomas\"]}"), 400, "ignored",
                "You cannot ignore Tomas");
        assertError(api.put("/api/v1/me/preferences", "{\"ignored\": [\"Ines\"]}"), 400, "ignored",
                "You cannot ignore yourself.");
        assertError(api.put("/api/v1/me/preferences", "{\"ignored\": \"kwame\"}"), 400, "ignored",
                "Send ignored as an array of strings.");
        assertError(api.put("/api/v1/me/preferences", "{\"colour\": \"red\"}"), 400, "colour",
                "There is no field called colour");
        JsonObject unchanged = json(api.get("/api/v1/me/preferences"));
        assertEquals(saved, unchanged, "failed requests change nothing");

        assertEquals(0, json(api.put("/api/v1/me/preferences", "{\"ignored\": []}")).getJsonArray("ignored").size());
    }
}
