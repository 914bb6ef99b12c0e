package hearth.server.announcements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The announcement banner: set by admins, shown to its audience on every page until it ends or is dismissed. */
class AnnouncementTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser member;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(dataDir);
        Members.signUp(site, "Herald");
        Sql.execute(site.database(), "UPDATE members SET role = 'admin' WHERE username_key = 'herald'");
        admin = Members.logIn(site, "Herald");
        member = Members.signUp(site, "Listener");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aSanitisedBannerAppearsOnEveryPageForItsAudience() {
        put(new JsonObject().put("body", "**Plot fees** are due Friday. <script>alert(1)</script>")
                .put("audience", "everyone"), 200);
        for (String page : new String[] {"/", "/latest", "/search", "/login"}) {
            String html = site.get(page).body();
            assertTrue(html.contains("<strong>Plot fees</strong> are due Friday."), page + ": " + html);
            assertFalse(html.contains("<script>alert(1)"), "sanitised like posts");
        }
        assertTrue(member.get("/bookmarks").body().contains("Plot fees"));
        JsonObject visible = new JsonObject(site.get("/api/v1/announcement").body());
        assertTrue(visible.getJsonObject("announcement").getString("bodyHtml").contains("<strong>Plot fees</strong>"));

        put(new JsonObject().put("body", "Members: the AGM is on Sunday.").put("audience", "members"), 200);
        assertFalse(site.get("/").body().contains("the AGM is on Sunday"));
        assertTrue(member.get("/").body().contains("the AGM is on Sunday"));
        assertNull(new JsonObject(site.get("/api/v1/announcement").body()).getJsonObject("announcement"));

        put(new JsonObject().put("body", "Visitors: sign up to get a plot.").put("audience", "visitors"), 200);
        assertTrue(site.get("/").body().contains("sign up to get a plot"));
        assertFalse(member.get("/").body().contains("sign up to get a plot"));

        put(new JsonObject().put("body", "Switched off.").put("enabled", false), 200);
        assertFalse(site.get("/").body().contains("Switched off."));
    }

    @Test
    void theBannerEndsOnTime() throws Exception {
        put(new JsonObject().put("body", "Only for a moment.").put("endsAt", Instant.now().plusSeconds(2).toString()),
                200);
        assertTrue(site.get("/").body().contains("Only for a moment."));
        Thread.sleep(2500);
        assertFalse(site.get("/").body().contains("Only for a moment."));
        JsonObject past = put(new JsonObject().put("body", "Too late.").put("endsAt", "2001-01-01T00:00:00Z"), 400);
        assertEquals("endsAt", past.getString("field"));
    }

    @Test
    void membersAndVisitorsDismissTheVersionTheyRead() {
        put(new JsonObject().put("body", "Water restrictions apply this week."), 200);
        Browser other = Members.signUp(site, "Bystander");
        Browser dismisser = Members.signUp(site, "Dismisser");
        assertEquals(303, dismisser.submit("/", "/announcement/dismiss", Map.of("next", "/latest")).statusCode());
        assertFalse(dismisser.get("/").body().contains("Water restrictions"));
        assertFalse(Members.logIn(site, "Dismisser").get("/").body().contains("Water restrictions"),
                "remembered for the member, not the session");
        assertTrue(other.get("/").body().contains("Water restrictions"));

        Browser visitor = new Browser(site);
        assertTrue(visitor.get("/").body().contains("Water restrictions"));
        HttpResponse<String> closed = visitor.submit("/", "/announcement/dismiss", Map.of("next", "//evil.example"));
        assertEquals(303, closed.statusCode());
        assertEquals("/", closed.headers().firstValue("location").orElseThrow(), "only paths on this site");
        assertFalse(visitor.get("/").body().contains("Water restrictions"));
        assertTrue(new Browser(site).get("/").body().contains("Water restrictions"));

        put(new JsonObject().put("body", "Water restrictions lifted."), 200);
        assertTrue(dismisser.get("/").body().contains("Water restrictions lifted."), "a new version shows again");
        assertTrue(visitor.get("/").body().contains("Water restrictions lifted."));
    }

    @Test
    void onlyAdminsChangeItAndMistakesAreShownNextToTheField() {
        assertEquals(403, member.json("PUT", "/api/v1/announcement", new JsonObject().put("body", "Mine now.")
                .encode()).statusCode());
        assertEquals(401, new Browser(site).json("PUT", "/api/v1/announcement", new JsonObject()
                .put("body", "Mine now.").encode()).statusCode());
        assertEquals(403, member.get("/admin/announcement").statusCode());
        assertEquals(403, member.submit("/", "/admin/announcement", Map.of("body", "Mine now.", "audience",
                "everyone", "enabled", "yes")).statusCode());
        assertEquals("audience", put(new JsonObject().put("body", "Hello").put("audience", "robots"), 400)
                .getString("field"));

        assertEquals(200, admin.get("/admin/announcement").statusCode());
        HttpResponse<String> empty = admin.submit("/admin/announcement", "/admin/announcement",
                Map.of("body", "", "audience", "everyone", "enabled", "yes", "endsAt", ""));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("Please write the announcement, or turn it off."), empty.body());
        HttpResponse<String> badTime = admin.submit("/admin/announcement", "/admin/announcement",
                Map.of("body", "Hello all", "audience", "everyone", "enabled", "yes", "endsAt", "next tuesday"));
        assertEquals(400, badTime.statusCode());
        assertTrue(badTime.body().contains("Give a date and time like 2026-12-24T18:00."), badTime.body());
        HttpResponse<String> saved = admin.submit("/admin/announcement", "/admin/announcement",
                Map.of("body", "Seed library opens *Saturday*.", "audience", "everyone", "enabled", "yes",
                        "endsAt", "2999-12-24T18:00"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(site.get("/").body().contains("Seed library opens <em>Saturday</em>."));
    }

    private static JsonObject put(JsonObject body, int status) {
        HttpResponse<String> response = admin.json("PUT", "/api/v1/announcement", body.encode());
        assertEquals(status, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }
}
