package hearth.server.moderation;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import hearth.server.testing.Trust;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watched words, new members' limits and slow mode over HTTP: each action on a real reply (block refuses it next to
 * the body field and saves nothing, hold hides it from readers but not from its author, censor rewrites it keeping
 * a revision, flag lists it for review), the admin pages for admins only, and a topic's slow mode set by moderators.
 */
class ContentGuardsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser moderator;
    static Browser member;
    static Browser newcomer;
    static String page;
    static long topicId;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        admin = Members.member(site, "Gwendolyn", "admin");
        moderator = Members.member(site, "Marisol", "moderator");
        member = Members.member(site, "Petronella", "member");
        newcomer = Members.member(site, "Newt", true);
        long category = Long.parseLong(Sql.value(site.database(), "SELECT MIN(id) FROM categories"));
        HttpResponse<String> started = member.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(category), "title", "Swapping seeds this spring", "body", "Who has spare beans?"));
        assertEquals(303, started.statusCode(), started.body());
        page = started.headers().firstValue("Location").orElseThrow();
        topicId = Long.parseLong(Sql.value(site.database(), "SELECT id FROM topics WHERE title = ?",
                "Swapping seeds this spring"));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void onlyAdminsManageWatchedWordsAndBlockLists() {
        for (String path : new String[] {"/x/moderation/words", "/x/moderation/blocklists"}) {
            assertEquals(403, member.get(path).statusCode(), path);
            assertEquals(403, moderator.get(path).statusCode(), path);
            assertEquals(403, site.get(path).statusCode(), path);
            assertEquals(200, admin.get(path).statusCode(), path);
        }
        HttpResponse<String> refused = member.submit(page, "/x/moderation/words",
                Map.of("pattern", "beans", "kind", "word", "action", "block"));
        assertEquals(403, refused.statusCode());
        assertEquals(403, moderator.submit(page, "/x/moderation/blocklists", Map.of("kind", "domain",
                "value", "example.net")).statusCode());
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_watched_words"
                + " WHERE pattern = 'beans'"));
    }

    @Test
    void aBadRegexIsRefusedNextToItsField() {
        HttpResponse<String> bad = admin.submit("/x/moderation/words", "/x/moderation/words",
                Map.of("pattern", "(tomato", "kind", "regex", "action", "hold"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("<p class=\"error\" id=\"pattern-error\" role=\"alert\">This is not a valid "
                + "regex: Unclosed group.</p>"), bad.body());
        assertTrue(bad.body().contains("value=\"(tomato\""), "the form keeps what was typed");
        HttpResponse<String> slow = admin.submit("/x/moderation/words", "/x/moderation/words",
                Map.of("pattern", "(a+)+$", "kind", "regex", "action", "hold"));
        assertEquals(400, slow.statusCode());
        assertTrue(slow.body().contains("This regex takes too long to match"), slow.body());
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_watched_words"
                + " WHERE pattern IN ('(tomato', '(a+)+$')"));
    }

    @Test
    void aBlockedWordIsRefusedInEveryDisguiseAndNothingIsSaved() {
        addWord("spam", "word", "block");
        rest("Petronella");
        String posts = postCount();
        for (String disguise : new String[] {"Buy cheap spam here", "Buy cheap ｓｐａｍ here", "Buy cheap s\u200bpam here",
                "Buy cheap ѕраm here", "Buy cheap SPÄM here"}) {
            HttpResponse<String> refused = member.submit(page, page + "/reply", Map.of("body", disguise));
            assertEquals(400, refused.statusCode(), disguise);
            assertTrue(refused.body().contains("<p class=\"error\" id=\"body-error\" role=\"alert\">Please remove "
                    + "“spam”: it is not allowed here.</p>"), disguise + "\n" + refused.body());
        }
        assertEquals(posts, postCount(), "nothing saved");
        rest("Petronella");
        assertEquals(303, member.submit(page, page + "/reply", Map.of("body", "The spammers left at last."))
                .statusCode(), "a whole word: spammers is another word");
        assertEquals(1, audit("watched-word.add", "spam"));
    }

    @Test
    void aHeldPostWaitsUnseenByReadersButSeenByItsAuthor() throws Exception {
        addWord("casino", "word", "hold");
        rest("Petronella");
        HttpResponse<String> held = member.submit(page, page + "/reply",
                Map.of("body", "Our CASINO night raises funds for the garden."));
        assertEquals(303, held.statusCode(), held.body());
        assertFalse(site.get(page).body().contains("raises funds for the garden"), "visitors do not see it");
        assertFalse(newcomer.get(page).body().contains("raises funds for the garden"), "nor do other members");
        assertTrue(member.get(page).body().contains("raises funds for the garden"), "its author does");
        assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM journal WHERE event_type LIKE"
                + " '%PostHidden' AND payload LIKE '%Watched word: casino%'"));
    }

    @Test
    void aCensoredWordIsReplacedKeepingTheOriginalAsARevision() throws Exception {
        addWord("darn", "word", "censor");
        rest("Petronella");
        assertEquals(303, member.submit(page, page + "/reply", Map.of("body", "These DÄRN slugs ate my lettuce."))
                .statusCode());
        long post = Long.parseLong(Sql.value(site.database(), "SELECT MAX(id) FROM posts WHERE topic_id = ?",
                topicId));
        eventually("the listener censors the post", () -> "These ■■■ slugs ate my lettuce.".equals(
                Sql.value(site.database(), "SELECT body_markdown FROM posts WHERE id = ?", post)));
        assertEquals("These DÄRN slugs ate my lettuce.", Sql.value(site.database(),
                "SELECT previous_markdown FROM post_revisions WHERE post_id = ?", post));
        assertEquals("0", Sql.value(site.database(), "SELECT actor_id FROM moderation_audit WHERE action ="
                + " 'post.censor' AND subject_id = ?", post), "the site did it");
        assertTrue(site.get(page).body().contains("These ■■■ slugs"));
    }

    @Test
    void aFlaggedWordPublishesThePostAndListsItForReview() throws Exception {
        addWord("crypto\\w*", "regex", "flag");
        rest("Petronella");
        assertEquals(303, member.submit(page, page + "/reply", Map.of("body", "Anyone paying in Crypto-coins?"))
                .statusCode());
        long post = Long.parseLong(Sql.value(site.database(), "SELECT MAX(id) FROM posts WHERE topic_id = ?",
                topicId));
        assertTrue(site.get(page).body().contains("paying in Crypto-coins"), "published");
        eventually("the listener lists it", () -> "1".equals(Sql.value(site.database(),
                "SELECT COUNT(*) FROM moderation_guard_hits WHERE post_id = ? AND reason = ?", post,
                "Watched word: crypto\\w*")));
    }

    @Test
    void newMembersMayPostOnlySoManyLinksAndMentions() {
        String links = "Look: https://a.example https://b.example https://c.example https://d.example"
                + " https://e.example www.f.example";
        HttpResponse<String> refused = newcomer.submit(page, page + "/reply", Map.of("body", links));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("New members may put at most 5 links in a post (this one has 6)."),
                refused.body());
        String mentions = "Hello @a1 @b2 @c3 @d4 @e5 @f6, welcome!";
        HttpResponse<String> tooMany = newcomer.submit(page, page + "/reply", Map.of("body", mentions));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("New members may mention at most 5 people in a post (this one mentions"
                + " 6)."), tooMany.body());
        rest("Petronella");
        Trust.setLevel(admin, "Petronella", 1);
        assertEquals(303, member.submit(page, page + "/reply", Map.of("body", links)).statusCode(),
                "members who are not new are not limited");
    }

    @Test
    void firstPostsOfNewMembersWaitWhenTheAdminSaysSo() {
        Browser first = Members.member(site, "Fennel", true);
        HttpResponse<String> on = admin.json("PUT", "/api/v1/admin/plugins/moderation/settings",
                "{\"approve-first-posts\": true}");
        assertEquals(200, on.statusCode(), on.body());
        try {
            assertEquals(303, first.submit(page, page + "/reply", Map.of("body", "Hello everyone, I grow kale."))
                    .statusCode());
            assertFalse(site.get(page).body().contains("I grow kale"));
            assertTrue(first.get(page).body().contains("I grow kale"));
            assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM journal WHERE event_type LIKE"
                    + " '%PostHidden' AND payload LIKE '%First post of a new member%'"));
        } finally {
            admin.json("PUT", "/api/v1/admin/plugins/moderation/settings", "{\"approve-first-posts\": false}");
        }
    }

    @Test
    void theSpamHeuristicsHoldDuplicatesAndRefuseFastTypersWhenTheAdminSaysSo() {
        Browser spammer = Members.member(site, "Dupont", true);
        long category = Long.parseLong(Sql.value(site.database(), "SELECT MIN(id) FROM categories"));
        HttpResponse<String> other = admin.submit("/new-topic", "/new-topic", Map.of("categoryId",
                String.valueOf(category), "title", "Compost bins compared", "body", "Which bin works best?"));
        assertEquals(303, other.statusCode(), other.body());
        String otherPage = other.headers().firstValue("Location").orElseThrow();
        String pitch = "Visit our wonderful shop for the best garden gnomes at the best prices in town!";
        assertEquals(200, admin.json("PUT", "/api/v1/admin/plugins/moderation/settings",
                "{\"duplicate-posts\": \"hold\", \"fast-typer\": \"block\"}").statusCode());
        try {
            assertEquals(303, spammer.submit(page, page + "/reply", Map.of("body", pitch)).statusCode());
            assertTrue(site.get(page).body().contains("best garden gnomes"), "the first copy is published");
            rest("Dupont");
            assertEquals(303, spammer.submit(otherPage, otherPage + "/reply", Map.of("body", pitch.toUpperCase(
                    Locale.ROOT))).statusCode());
            assertFalse(site.get(otherPage).body().contains("BEST GARDEN GNOMES"), "the copy waits for review");
            assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM journal WHERE event_type LIKE"
                    + " '%PostHidden' AND payload LIKE '%Duplicate post%'"));

            rest("Dupont");
            HttpResponse<String> fast = spammer.submit(otherPage, otherPage + "/reply",
                    Map.of("body", "An essay typed in no time at all. ".repeat(8)));
            assertEquals(400, fast.statusCode());
            assertTrue(fast.body().contains("That was a lot of text very quickly after your last post."),
                    fast.body());
        } finally {
            admin.json("PUT", "/api/v1/admin/plugins/moderation/settings",
                    "{\"duplicate-posts\": \"off\", \"fast-typer\": \"off\"}");
        }
        rest("Dupont");
        assertEquals(303, spammer.submit(otherPage, otherPage + "/reply",
                Map.of("body", "An essay typed in no time at all. ".repeat(8))).statusCode(), "off by default");
    }

    @Test
    void moderatorsPutATopicInSlowMode() {
        String form = "/x/moderation/topics/" + topicId + "/slow-mode";
        assertEquals(403, member.get(form).statusCode());
        assertEquals(403, member.submit(page, form, Map.of("seconds", "60")).statusCode());
        assertTrue(moderator.get(page).body().contains("href=\"" + form + "\""), "the sidebar links moderators");
        HttpResponse<String> bad = moderator.submit(form, form, Map.of("seconds", "forever"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"seconds-error\""), bad.body());
        assertEquals(303, moderator.submit(form, form, Map.of("seconds", "600")).statusCode());
        try {
            assertTrue(site.get(page).body().contains("Slow mode: one post per 600 s"), "shown to everyone");
            Browser slow = Members.member(site, "Sloane", "member");
            assertEquals(303, slow.submit(page, page + "/reply", Map.of("body", "First of my two replies."))
                    .statusCode());
            rest("Sloane"); // the core's own pace is satisfied; slow mode is not
            HttpResponse<String> again = slow.submit(page, page + "/reply", Map.of("body", "And my second reply."));
            assertEquals(400, again.statusCode());
            assertTrue(again.body().matches("(?s).*Slow mode: you can post again in [0-9]+ s\\..*"), again.body());
            assertEquals(303, moderator.submit(page, page + "/reply", Map.of("body", "Moderators are not slowed."))
                    .statusCode());
            assertEquals(1, audit("topic.slow-mode", null));
        } finally {
            assertEquals(303, moderator.submit(form, form, Map.of("seconds", "0")).statusCode());
        }
        assertFalse(site.get(page).body().contains("Slow mode: one post per"));
        assertEquals(1, audit("topic.slow-mode-off", null));
    }

    private static void addWord(String pattern, String kind, String action) {
        HttpResponse<String> added = admin.submit("/x/moderation/words", "/x/moderation/words",
                Map.of("pattern", pattern, "kind", kind, "action", action));
        assertEquals(303, added.statusCode(), added.body());
        assertTrue(admin.get("/x/moderation/words").body().contains("<code>" + pattern + "</code>"));
    }

    private static String postCount() {
        return Sql.value(site.database(), "SELECT COUNT(*) FROM posts");
    }

    /** Moves the member's posts back in time, so the core's pace rule lets them post again at once. */
    static void rest(String username) {
        Sql.change(site.database(), "UPDATE posts SET created_at = ? WHERE author_id = (SELECT id FROM members"
                + " WHERE username_key = ?)", Instant.now().minusSeconds(3600), username.toLowerCase(Locale.ROOT));
    }

    private static int audit(String action, String after) {
        return Integer.parseInt(after == null
                ? Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE action = ?", action)
                : Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit WHERE action = ?"
                        + " AND after_value LIKE ?", action, "%" + after));
    }
}
