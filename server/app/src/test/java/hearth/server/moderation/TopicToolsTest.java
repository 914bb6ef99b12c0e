package hearth.server.moderation;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moderation plugin's topic tools over HTTP, with the permission matrix: a member, a category moderator inside
 * and outside their category, a moderator and an admin; each action audited.
 */
class TopicToolsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser moderator;
    static Browser member;
    static Browser categoryModerator;
    static long home;
    static long elsewhere;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        admin = Members.member(site, "Ada", "admin");
        moderator = Members.member(site, "Mona", "moderator");
        member = Members.member(site, "Mel", "member");
        categoryModerator = Members.member(site, "Cato", "member");
        List<String> categories = Sql.values(site.database(), "SELECT DISTINCT category_id FROM topics"
                + " WHERE category_id IS NOT NULL ORDER BY category_id");
        home = Long.parseLong(categories.get(0));
        elsewhere = Long.parseLong(categories.get(1));
        CategoryModerators.appoint(admin, "Cato", home);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static long topicIn(long category, String title) {
        return Threads.topic(site, admin, category, title, 2);
    }

    private static String tools(long topic) {
        return "/x/moderation/topics/" + topic;
    }

    private static long audited(long topic) {
        return Long.parseLong(Sql.value(site.database(),
                "SELECT COUNT(*) FROM moderation_audit WHERE subject_type = 'topic' AND subject_id = ?", topic));
    }

    @Test
    void membersHaveNoTopicTools() {
        long topic = topicIn(home, "Members cannot moderate this");
        assertEquals(403, member.get(tools(topic)).statusCode());
        assertEquals(403, member.submit("/", tools(topic) + "/close", Map.of()).statusCode());
        assertFalse(member.get(Threads.path(site, topic)).body().contains("Topic tools"));
        assertEquals(403, member.json("POST", "/api/v1/x/moderation/topics/" + topic + "/close", "{}").statusCode());
        assertEquals(0, audited(topic));
    }

    @Test
    void aCategoryModeratorUsesTheToolsOnlyInTheirCategory() {
        long mine = topicIn(home, "Category moderator territory");
        long other = topicIn(elsewhere, "Somewhere the moderator is not");
        assertTrue(categoryModerator.get(Threads.path(site, mine)).body().contains("/x/moderation/topics/" + mine));
        assertEquals(303, categoryModerator.submit(tools(mine), tools(mine) + "/close",
                Map.of("reason", "Resolved")).statusCode());
        assertEquals("closed", Sql.value(site.database(),
                "SELECT CASE WHEN closed_at IS NULL THEN 'open' ELSE 'closed' END FROM topics WHERE id = ?", mine));
        assertEquals(List.of("topic.close", "Resolved", "open", "closed"), Sql.firstRow(site.database(),
                "SELECT action, reason, before_value, after_value FROM moderation_audit WHERE subject_id = ?"
                        + " AND subject_type = 'topic'", mine));

        assertEquals(403, categoryModerator.get(tools(other)).statusCode());
        assertEquals(403, categoryModerator.submit("/", tools(other) + "/lock", Map.of()).statusCode());
        assertEquals(403, categoryModerator.submit(tools(mine), tools(mine) + "/move",
                Map.of("categoryId", String.valueOf(elsewhere))).statusCode(), "not into a category they do not moderate");
        assertEquals(String.valueOf(home), Sql.value(site.database(), "SELECT category_id FROM topics WHERE id = ?",
                mine));
    }

    @Test
    void moderatorsLockPinUnlistAndMoveEachAudited() {
        long topic = topicIn(home, "Lock pin unlist and move");
        long before = audited(topic);
        assertEquals(303, moderator.submit(tools(topic), tools(topic) + "/lock", Map.of()).statusCode());
        assertEquals(303, moderator.submit(tools(topic), tools(topic) + "/pin", Map.of("scope", "site")).statusCode());
        assertEquals(303, moderator.submit(tools(topic), tools(topic) + "/unlist", Map.of()).statusCode());
        assertFalse(site.get("/latest").body().contains("data-topic=\"" + topic + "\""), "out of the lists");
        assertEquals(200, site.get(Threads.path(site, topic)).statusCode(), "still reachable by its link");
        assertEquals(303, moderator.submit(tools(topic), tools(topic) + "/move",
                Map.of("categoryId", String.valueOf(elsewhere))).statusCode());
        assertEquals(String.valueOf(elsewhere), Sql.value(site.database(),
                "SELECT category_id FROM topics WHERE id = ?", topic));
        assertEquals(before + 4, audited(topic));

        HttpResponse<String> bad = moderator.submit(tools(topic), tools(topic) + "/pin", Map.of("scope", "forever"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Pin to none, category or site."), bad.body());
        assertEquals(before + 4, audited(topic), "nothing written for a refused change");
    }

    @Test
    void adminsMergeTopicsAndTheOldLinkLeadsToTheMergedOne() {
        long from = topicIn(elsewhere, "Merge me into the other");
        long into = topicIn(elsewhere, "The one that takes the merge");
        long posts = Long.parseLong(Sql.value(site.database(), "SELECT COUNT(*) FROM posts WHERE topic_id IN (?, ?)",
                from, into));
        HttpResponse<String> refused = admin.submit(tools(from), tools(from) + "/merge", Map.of("into", "999999"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("There is no such topic to merge into."), refused.body());

        assertEquals(303, admin.submit(tools(from), tools(from) + "/merge",
                Map.of("into", site.uri("/t/some-title/" + into).toString(), "reason", "Same question")).statusCode());
        assertEquals(String.valueOf(posts), Sql.value(site.database(), "SELECT COUNT(*) FROM posts WHERE topic_id = ?",
                into));
        String slug = Sql.value(site.database(), "SELECT slug FROM topics WHERE id = ?", from);
        HttpResponse<String> old = site.get("/t/" + slug + "/" + from);
        assertEquals(301, old.statusCode());
        assertEquals("/t/" + into, old.headers().firstValue("Location").orElseThrow());
        assertEquals(1, Long.parseLong(Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit"
                + " WHERE action = 'topic.merge' AND subject_id = ? AND reason = 'Same question'", from)));
    }

    @Test
    void splittingRepliesMakesANewTopicNumberedFromOne() {
        long topic = Threads.topic(site, admin, home, "Two conversations in one", 3);
        List<String> replies = Sql.values(site.database(), "SELECT id FROM posts WHERE topic_id = ? AND"
                + " post_number > 1 ORDER BY post_number", topic);
        HttpResponse<String> none = moderator.submit(tools(topic), tools(topic) + "/split",
                Map.of("title", "A conversation of its own"));
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Choose the replies to move."), none.body());

        HttpResponse<String> split = moderator.submit(tools(topic), tools(topic) + "/split", Map.of("title",
                "A conversation of its own", "posts", replies.get(0)));
        assertEquals(303, split.statusCode(), split.body());
        long created = Long.parseLong(split.headers().firstValue("Location").orElseThrow().replace("/t/", ""));
        assertEquals(List.of("1"), Sql.values(site.database(), "SELECT post_number FROM posts WHERE topic_id = ?",
                created));
        assertEquals("A conversation of its own", Sql.value(site.database(), "SELECT title FROM topics WHERE id = ?",
                created));
        assertEquals(200, site.get(Threads.path(site, created)).statusCode());
        assertEquals("3", Sql.value(site.database(), "SELECT COUNT(*) FROM posts WHERE topic_id = ?", topic));
    }

    @Test
    void changingTheOwnerAndTheJsonApi() {
        long topic = topicIn(home, "Reassigned to another owner");
        assertEquals(303, admin.submit(tools(topic), tools(topic) + "/owner", Map.of("owner", "@Mel")).statusCode());
        assertEquals(Sql.value(site.database(), "SELECT id FROM members WHERE username_key = 'mel'"),
                Sql.value(site.database(), "SELECT author_id FROM topics WHERE id = ?", topic));
        assertEquals(Sql.value(site.database(), "SELECT id FROM members WHERE username_key = 'mel'"),
                Sql.value(site.database(), "SELECT author_id FROM posts WHERE topic_id = ? AND post_number = 1",
                        topic));

        HttpResponse<String> closed = moderator.json("POST", "/api/v1/x/moderation/topics/" + topic + "/close",
                "{\"reason\": \"From the API\"}");
        assertEquals(200, closed.statusCode(), closed.body());
        assertTrue(closed.body().contains("\"closed\":true"), closed.body());
        HttpResponse<String> unknown = moderator.json("POST", "/api/v1/x/moderation/topics/" + topic + "/owner",
                "{\"owner\": \"nobody-here\"}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("\"error\""), unknown.body());
    }

    @Test
    void theCoreButtonsAreAuditedToo() throws InterruptedException {
        long topic = topicIn(elsewhere, "Pinned with the core button");
        String page = Threads.path(site, topic);
        assertEquals(303, moderator.submit(page, page + "/pin", Map.of("scope", "category")).statusCode());
        eventually("the pin is in the audit log", () -> "category".equals(Sql.value(site.database(),
                "SELECT after_value FROM moderation_audit WHERE subject_id = ? AND action = 'topic.pin'", topic)));
    }
}
