package hearth.server.volunteers;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SettableClock;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import hearth.server.testing.Trust;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust levels from seeded activity on a clock the test moves: the progress page counts item by item, flagging and
 * links open up at level 1, a member is promoted as they act, level 3 lapses after its window in the nightly run,
 * and a level an admin locked stays.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustLevelsTest {

    static final SettableClock CLOCK = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Volunteers fx;
    static Browser admin;
    static List<Long> topics;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, CLOCK);
        fx = new Volunteers(site);
        admin = Members.member(site, "Trustadmin", "admin");
        topics = Sql.values(site.database(), "SELECT id FROM topics WHERE category_id IS NOT NULL ORDER BY id")
                .stream().map(Long::parseLong).toList();
        Volunteers.awaitScheduled(site, "nightly-levels");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** Seeds reads of {@code count} topics, {@code perTopic} posts each, as of now. */
    static void reads(String username, int count, int perTopic) {
        for (long topic : topics.subList(0, count)) {
            Sql.change(site.database(), "INSERT INTO topic_reads (member_id, topic_id, last_read_number, updated_at)"
                    + " VALUES (?, ?, ?, ?)", fx.member(username), topic, perTopic, CLOCK.instant());
        }
    }

    /** Seeds {@code days} days visited up to today, with {@code minutes} of reading each. */
    static void visits(String username, int days, int minutes) {
        LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        for (int d = 0; d < days; d++) {
            Sql.change(site.database(), "INSERT INTO volunteer_roles_visits (member_id, visit_day, reading_seconds)"
                    + " VALUES (?, ?, ?)", fx.member(username), today.minusDays(d + 1), minutes * 60);
        }
    }

    static JsonObject trust(Browser viewer, String username) {
        HttpResponse<String> answer = viewer.json("GET", "/api/v1/x/volunteer-roles/trust/" + username, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonObject(answer.body());
    }

    static int level(String username) {
        return trust(admin, username).getInteger("level");
    }

    @Test
    @Order(1)
    void theProgressPageSaysWhatIsMissingItemByItem() {
        Browser newbie = Members.member(site, "Newbie", "member");
        reads("Newbie", 3, 4);
        visits("Newbie", 2, 3);
        String page = newbie.get("/x/volunteer-roles/trust/Newbie").body();
        assertTrue(page.contains("Level 0 (new)"), page);
        assertTrue(page.contains("To reach level 1 (basic)"), page);
        assertTrue(page.contains("Topics entered: 3 of 5 — you need 2 more topics entered"), page);
        assertTrue(page.contains("Posts read: 12 of 30 — you need 18 more posts read"), page);
        assertTrue(page.contains("Minutes spent reading: 6 of 10 — you need 4 more minutes spent reading"), page);
        assertTrue(newbie.get("/u/Newbie").body().contains("/x/volunteer-roles/trust/Newbie"), "a profile tab");

        Browser other = Members.member(site, "Nosy", "member");
        assertEquals(403, other.get("/x/volunteer-roles/trust/Newbie").statusCode());
        assertEquals(403, other.json("POST", "/api/v1/x/volunteer-roles/trust/Newbie", "{\"level\": 4}")
                .statusCode());
        assertEquals(0, level("Newbie"));
    }

    @Test
    @Order(2)
    void levelOneUnlocksFlaggingAndLinksAsSoonAsItIsEarned() throws Exception {
        Browser newbie = Members.logIn(site, "Newbie");
        long post = fx.reply(Members.member(site, "Writer", "member"), topics.get(0), "A perfectly normal reply");
        HttpResponse<String> flag = newbie.json("POST", "/api/v1/x/moderation/flags",
                new JsonObject().put("kind", "post").put("id", post).put("reason", "spam").encode());
        assertEquals(403, flag.statusCode(), "level 0 cannot flag");
        HttpResponse<String> links = newbie.json("POST", "/api/v1/topics/" + topics.get(0) + "/posts",
                "{\"body\": \"See https://a.example and https://b.example and https://c.example\"}");
        assertEquals(400, links.statusCode());
        assertTrue(links.body().contains("New members can put at most 2 link(s) in a post"), links.body());

        for (long topic : topics.subList(3, 5)) {
            Sql.change(site.database(), "INSERT INTO topic_reads (member_id, topic_id, last_read_number, updated_at)"
                    + " VALUES (?, ?, ?, ?)", fx.member("Newbie"), topic, 10, CLOCK.instant());
        }
        Sql.change(site.database(), "UPDATE topic_reads SET last_read_number = 10 WHERE member_id = ?",
                fx.member("Newbie"));
        Sql.change(site.database(), "UPDATE volunteer_roles_visits SET reading_seconds = 300 WHERE member_id = ?",
                fx.member("Newbie"));
        CLOCK.advance(Duration.ofDays(1));
        admin = Members.logIn(site, "Trustadmin"); // sessions that are not remembered last a day
        newbie = Members.logIn(site, "Newbie");
        newbie.get("/latest"); // the first visit of a day re-checks the level
        eventually("promoted to level 1", () -> level("Newbie") == 1);
        assertEquals(201, newbie.json("POST", "/api/v1/x/moderation/flags",
                new JsonObject().put("kind", "post").put("id", post).put("reason", "spam").encode()).statusCode());
        assertTrue(newbie.json("GET", "/api/v1/notifications", null).body()
                .contains("You reached trust level 1 (basic)"));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'TrustLevelChanged'"));
        eventually("today's visit recorded", () -> fx.number("SELECT COUNT(*) FROM volunteer_roles_visits"
                + " WHERE member_id = ? AND visit_day = ?", fx.member("Newbie"),
                LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC)) == 1);
    }

    @Test
    @Order(3)
    void levelThreeIsEarnedByActingAndLapsesAfterItsWindow() throws Exception {
        HttpResponse<String> saved = admin.json("PUT", "/api/v1/admin/plugins/volunteer-roles/settings", new JsonObject()
                .put("tl2-days-visited", 3).put("tl2-likes-given", 1).put("tl2-likes-received", 1)
                .put("tl2-replies", 1).put("tl2-topics-entered", 5).put("tl2-posts-read", 30)
                .put("tl2-reading-minutes", 10).put("tl3-days-visited", 4).put("tl3-replies", 2)
                .put("tl3-topics-entered", 5).put("tl3-posts-read", 30).put("tl3-likes-given", 2)
                .put("tl3-likes-received", 1).encode());
        assertEquals(200, saved.statusCode(), saved.body());
        Browser regula = Members.member(site, "Regula", "member");
        Browser writer = Members.logIn(site, "Writer");
        reads("Regula", 5, 10);
        visits("Regula", 5, 5);
        for (String id : Sql.values(site.database(), "SELECT id FROM posts ORDER BY id LIMIT 2")) {
            Sql.change(site.database(), "INSERT INTO post_likes (post_id, member_id, created_at) VALUES (?, ?, ?)",
                    Long.parseLong(id), fx.member("Regula"), CLOCK.instant());
        }
        long first = fx.reply(regula, topics.get(1), "My first reply here, hello all");
        eventually("checked after the first reply", () -> level("Regula") == 1);
        assertEquals(200, writer.json("POST", "/api/v1/posts/" + first + "/like", "{\"liked\": true}").statusCode());
        fx.reply(regula, topics.get(2), "My second reply, thanks everyone");
        eventually("promoted to level 3 as they acted", () -> level("Regula") == 3);
        JsonObject staying = trust(admin, "Regula");
        assertEquals(3, staying.getInteger("next"), "level 3 shows what it takes to stay");

        CLOCK.advance(Duration.ofDays(101));
        admin = Members.logIn(site, "Trustadmin");
        eventually("the nightly run demoted them", () -> level("Regula") == 2);
        assertTrue(Members.logIn(site, "Regula").json("GET", "/api/v1/notifications", null).body()
                .contains("Your trust level is now 2 (member)"));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'TrustLevelChanged'"
                + " AND payload LIKE '%\"from\":3%'"));
    }

    @Test
    @Order(4)
    void aLevelAnAdminLockedStays() throws Exception {
        admin = Members.logIn(site, "Trustadmin");
        Members.member(site, "Lockie", "member");
        String page = "/x/volunteer-roles/trust/Lockie";
        HttpResponse<String> bad = admin.submit(page, page, Map.of("level", "9", "reason", "Typo"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Choose a trust level from 0 to 4."), bad.body());
        assertEquals(303, admin.submit(page, page, Map.of("level", "4", "locked", "on", "reason", "Runs the wiki"))
                .statusCode());
        assertTrue(admin.get(page).body().contains("Level 4 (leader), set by the admins"));
        CLOCK.advance(Duration.ofDays(2));
        admin = Members.logIn(site, "Trustadmin");
        Instant now = CLOCK.instant();
        eventually("the nightly run", () -> {
            String finished = Sql.value(site.database(), "SELECT last_finished_at FROM scheduled_tasks"
                    + " WHERE task_id LIKE '%nightly-levels%'");
            return finished != null && !Timestamp.valueOf(finished).toLocalDateTime()
                    .toInstant(ZoneOffset.UTC).isBefore(now);
        });
        assertEquals(4, level("Lockie"));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM volunteer_roles_changes WHERE action = 'trust-locked'"));
    }

    @Test
    @Order(5)
    void regularsRetitleAndMoveTopicsAndLeadersEditOthersPosts() {
        admin = Members.logIn(site, "Trustadmin");
        Browser author = Members.member(site, "Authoress", "member");
        long topic = fx.topic(author, "General", "Tomatoes in pots");
        long opening = fx.number("SELECT id FROM posts WHERE topic_id = ? AND post_number = 1", topic);
        String body = "The opening post of Tomatoes in pots.";
        Browser member = Members.member(site, "Twolevel", "member");
        Browser regular = Members.member(site, "Reggie", "member");
        Browser leader = Members.member(site, "Leona", "member");
        Trust.setLevel(admin, "Twolevel", 2);
        Trust.setLevel(admin, "Reggie", 3);
        Trust.setLevel(admin, "Leona", 4);
        String path = "/api/v1/posts/" + opening;

        assertEquals(403, member.json("PATCH", path, edit(body, "Tomatoes in pots, retitled")).statusCode());
        assertEquals(403, regular.json("PATCH", path, edit("Rewritten by a regular.", null)).statusCode(),
                "level 3 changes titles, not text");
        HttpResponse<String> retitled = regular.json("PATCH", path, edit(body, "Growing tomatoes in pots"));
        assertEquals(200, retitled.statusCode(), retitled.body());
        assertEquals("Growing tomatoes in pots", Sql.value(site.database(), "SELECT title FROM topics WHERE id = ?",
                topic));
        long showAndTell = fx.category("Show & Tell");
        HttpResponse<String> form = regular.get("/p/" + opening + "/edit");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("name=\"categoryId\""), "regulars may move it");
        assertEquals(403, member.json("PATCH", path, new JsonObject().put("body", body)
                .put("categoryId", showAndTell).encode()).statusCode());
        HttpResponse<String> moved = regular.submit("/p/" + opening + "/edit", "/p/" + opening + "/edit",
                Map.of("body", body, "title", "Growing tomatoes in pots", "categoryId", String.valueOf(showAndTell),
                        "reason", ""));
        assertEquals(303, moved.statusCode(), moved.body());
        assertEquals(showAndTell, fx.number("SELECT category_id FROM topics WHERE id = ?", topic));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'TopicMoved'"));
        assertTrue(leader.get(topicPath(topic)).body().contains("href=\"/p/" + opening + "/edit\""),
                "leaders see an edit link on others' posts");
        assertEquals(200, leader.json("PATCH", path, edit("Tidied up by a leader, thank you.", null)).statusCode());
        assertEquals(403, leader.json("DELETE", path, null).statusCode(), "editing is not deleting");
    }

    static String edit(String body, String title) {
        JsonObject edit = new JsonObject().put("body", body).put("reason", "Clearer");
        return (title == null ? edit : edit.put("title", title)).encode();
    }

    static String topicPath(long topicId) {
        return "/t/" + Sql.value(site.database(), "SELECT slug FROM topics WHERE id = ?", topicId) + "/" + topicId;
    }
}
