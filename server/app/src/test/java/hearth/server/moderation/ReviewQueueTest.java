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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review queue over HTTP: who sees and acts on what (member, category moderator inside and outside their
 * category, moderator, admin), each action's effect and audit entry, held posts and sign-ups, the nav counter.
 */
class ReviewQueueTest {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static final Pattern COUNT = Pattern.compile("Review \\((\\d+)\\)");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static ReviewFixtures fx;
    static Browser admin;
    static Browser moderator;
    static Browser member;
    static Browser catmod;
    static Browser poster;
    static Browser flagger;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        fx = new ReviewFixtures(site);
        admin = Members.member(site, "Qadmin", "admin");
        Trust.letNewcomersFlag(admin);
        moderator = Members.member(site, "Qmod", "moderator");
        member = Members.member(site, "Qmember", "member");
        catmod = Members.member(site, "Catmod", "member");
        poster = Members.member(site, "Poster", "member");
        flagger = Members.member(site, "Qflagger", "member");
        CategoryModerators.appoint(admin, "Catmod", fx.category("General"));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** A reply by Poster in a new topic of the category, flagged once; returns the reply's id. */
    private static long flaggedReply(String category, String text) {
        return flaggedReply(poster, category, text);
    }

    private static long flaggedReply(Browser author, String category, String text) {
        long reply = fx.reply(author, fx.topic(author, category, "Review topic number " + TOPICS.incrementAndGet(),
                "The opening post"), text);
        assertEquals(303, fx.flagPost(flagger, reply, "spam", "").statusCode());
        return reply;
    }

    private static HttpResponse<String> act(Browser who, long item, String action, Map<String, String> fields) {
        String page = "/x/moderation/review/" + item;
        HttpResponse<String> shown = who.get(page);
        if (shown.statusCode() != 200) {
            // No page to take a token from: post with the token of any page, as a forged form would.
            return who.submit("/", page + "/" + action, fields);
        }
        return who.submit(page, page + "/" + action, fields);
    }

    /** The JSON API takes form fields, with the CSRF token as a header like htmx sends it. */
    private static HttpResponse<String> apiAct(Browser who, long item, String action, Map<String, String> fields) {
        if (who.cookie("hearth_csrf").isEmpty()) {
            who.get("/");
        }
        return who.post("/x/moderation/api/queue/" + item + "/" + action, fields, "X-CSRF-Token",
                who.cookie("hearth_csrf").orElseThrow().getValue());
    }

    private static int navCount(Browser who) {
        Matcher m = COUNT.matcher(who.get("/").body());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void slashReviewLeadsToTheQueue() {
        HttpResponse<String> shortcut = moderator.get("/review");
        assertEquals(302, shortcut.statusCode());
        assertEquals("/x/moderation/review", shortcut.headers().firstValue("Location").orElseThrow());
        assertEquals(404, site.get("/no-such-shortcut").statusCode(), "unclaimed addresses are still a 404");
        assertEquals(200, site.get("/latest").statusCode(), "core addresses win");
    }

    @Test
    void whoSeesAndActsOnWhat() {
        long general = fx.item("post", flaggedReply("General", "Inside the category"));
        long elsewhere = fx.item("post", flaggedReply("Show & Tell", "Outside the category"));
        String memberForm = "/x/moderation/flag/member/" + fx.member("Poster");
        assertEquals(303, flagger.submit(memberForm, memberForm, Map.of("reason", "spam", "text", "")).statusCode());
        long aboutMember = fx.item("member", fx.member("Poster"));

        assertEquals(403, member.get("/x/moderation/review").statusCode());
        assertEquals(403, member.get("/x/moderation/api/queue").statusCode());
        assertEquals(403, member.get("/x/moderation/review/" + general).statusCode());
        assertEquals(403, act(member, general, "take", Map.of()).statusCode());
        assertEquals(-1, navCount(member), "no counter for members");

        String mine = catmod.get("/x/moderation/review").body();
        assertTrue(mine.contains("data-item=\"" + general + "\""), mine);
        assertFalse(mine.contains("data-item=\"" + elsewhere + "\""), "not outside their category");
        assertFalse(mine.contains("data-item=\"" + aboutMember + "\""), "members are for site staff");
        assertFalse(catmod.get("/x/moderation/api/queue").body().contains("\"id\":" + elsewhere + ","));
        assertEquals(403, catmod.get("/x/moderation/review/" + elsewhere).statusCode());
        assertEquals(403, catmod.get("/x/moderation/review/" + aboutMember).statusCode());
        assertEquals(403, act(catmod, elsewhere, "take", Map.of()).statusCode());
        assertEquals(403, act(catmod, general, "silence", Map.of("length", "day", "reason", "Spam")).statusCode(),
                "silencing needs the sanction permission");
        assertEquals(303, act(catmod, general, "take", Map.of()).statusCode());
        assertEquals(1, fx.audits("take", "post", fx.number("SELECT subject_id FROM moderation_queue WHERE id = ?",
                general)));
        assertTrue(catmod.get("/x/moderation/review/" + general).body().contains("taken by @Catmod"));
        assertEquals(fx.number("SELECT COUNT(*) FROM moderation_queue WHERE open_marker = 1 AND category_id = ?",
                fx.category("General")), navCount(catmod));

        for (Browser staff : new Browser[] {moderator, admin}) {
            String all = staff.get("/x/moderation/review").body();
            assertTrue(all.contains("data-item=\"" + general + "\"") && all.contains("data-item=\"" + elsewhere
                    + "\"") && all.contains("data-item=\"" + aboutMember + "\""), all);
            assertEquals(fx.number("SELECT COUNT(*) FROM moderation_queue WHERE open_marker = 1"), navCount(staff));
            assertTrue(staff.get("/x/moderation/review?kind=member").body()
                    .contains("data-item=\"" + aboutMember + "\""));
            assertFalse(staff.get("/x/moderation/review?kind=member").body()
                    .contains("data-item=\"" + general + "\""), "filtered by kind");
        }
        String api = moderator.get("/x/moderation/api/queue").body();
        assertTrue(api.contains("\"id\":" + elsewhere + ",\"kind\":\"post\",\"state\":\"open\""), api);
        assertTrue(api.contains("\"waiting\":\"waiting "), api);
        HttpResponse<String> taken = apiAct(moderator, elsewhere, "take", Map.of());
        assertEquals(200, taken.statusCode(), taken.body());
        assertTrue(taken.body().contains("\"state\":\"in-progress\""), taken.body());
        assertEquals(403, apiAct(catmod, elsewhere, "dismiss", Map.of()).statusCode());
        assertEquals(403, apiAct(member, elsewhere, "dismiss", Map.of()).statusCode());
        assertEquals(400, apiAct(moderator, elsewhere, "approve-signup", Map.of()).statusCode(), "not for posts");
        assertEquals(303, act(admin, aboutMember, "dismiss", Map.of()).statusCode());
        assertEquals(1, fx.audits("dismiss", "member", fx.member("Poster")));
    }

    @Test
    void eachActionSettlesTheItemAndItsFlagsAndIsAudited() {
        long approved = flaggedReply("General", "Approve me please");
        assertEquals(303, act(moderator, fx.item("post", approved), "approve", Map.of()).statusCode());
        assertEquals("disagreed", Sql.value(site.database(), "SELECT state FROM moderation_flags WHERE item_id = ?",
                approved));
        assertTrue(fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'FlagResolved'"
                + " AND payload LIKE '%disagreed%'") > 0);

        long hidden = flaggedReply("General", "Hide me please");
        assertEquals(303, act(catmod, fx.item("post", hidden), "hide", Map.of()).statusCode(),
                "a category moderator acts in their category");
        assertFalse(site.get(fx.pathOfPost(hidden)).body().contains("Hide me please"));
        assertEquals("agreed", Sql.value(site.database(), "SELECT state FROM moderation_flags WHERE item_id = ?",
                hidden));

        long deleted = flaggedReply("General", "Delete me please");
        assertEquals(303, act(moderator, fx.item("post", deleted), "delete", Map.of()).statusCode());
        assertFalse(site.get(fx.pathOfPost(deleted)).body().contains("Delete me please"));

        long edited = flaggedReply("General", "Edit me please");
        HttpResponse<String> empty = act(moderator, fx.item("post", edited), "edit", Map.of("markdown", " "));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("Write the post&#39;s new text.") || empty.body()
                .contains("Write the post's new text."), empty.body());
        assertEquals(303, act(moderator, fx.item("post", edited), "edit", Map.of("markdown", "Tidied by the mods"))
                .statusCode());
        assertTrue(site.get(fx.pathOfPost(edited)).body().contains("Tidied by the mods"));

        long dismissed = flaggedReply("General", "Dismiss me please");
        long dismissedItem = fx.item("post", dismissed);
        assertEquals(303, act(moderator, dismissedItem, "dismiss", Map.of()).statusCode());
        assertEquals("rejected", Sql.value(site.database(), "SELECT state FROM moderation_queue WHERE id = ?",
                dismissedItem));
        assertEquals(409, act(moderator, dismissedItem, "hide", Map.of()).statusCode(), "settled already");

        long warned = flaggedReply("General", "Warn me please");
        assertEquals(400, act(moderator, fx.item("post", warned), "warn", Map.of("reason", "")).statusCode());
        assertEquals(303, act(moderator, fx.item("post", warned), "warn", Map.of("reason", "Please stop advertising"))
                .statusCode());

        long noted = flaggedReply("General", "Note me please");
        long notedItem = fx.item("post", noted);
        assertEquals(303, act(moderator, notedItem, "note", Map.of("note", "Same spammer as last week?"))
                .statusCode());
        assertTrue(admin.get("/x/moderation/review/" + notedItem).body().contains("Same spammer as last week?"));

        // Someone else: a silenced author cannot post, and other tests need Poster's replies.
        Browser loud = Members.member(site, "Loudmouth", "member");
        long silenced = flaggedReply(loud, "General", "Silence me please");
        assertEquals(303, act(admin, fx.item("post", silenced), "silence",
                Map.of("length", "day", "reason", "Advertising again")).statusCode());

        for (long post : new long[] {approved, hidden, deleted, edited, dismissed}) {
            String state = Sql.value(site.database(),
                    "SELECT state FROM moderation_queue WHERE kind = 'post' AND subject_id = ?", post);
            assertTrue(state.equals("resolved") || state.equals("rejected"), post + " is " + state);
        }
        assertEquals(1, fx.audits("approve", "post", approved));
        assertEquals(1, fx.audits("hide", "post", hidden));
        assertEquals(1, fx.audits("delete", "post", deleted));
        assertEquals(1, fx.audits("edit", "post", edited));
        assertEquals(1, fx.audits("dismiss", "post", dismissed));
        assertEquals(1, fx.audits("note", "post", noted));
        long poster = fx.member("Poster");
        assertTrue(fx.audits("warn", "member", poster) >= 1);
        assertEquals(1, fx.audits("silence", "member", fx.member("Loudmouth")));
        assertFalse("active".equals(Sql.value(site.database(),
                "SELECT status FROM members WHERE username_key = 'loudmouth'")), "silenced");
        assertEquals(fx.number("SELECT id FROM members WHERE username_key = 'catmod'"), fx.number(
                "SELECT actor_id FROM moderation_audit WHERE action = 'hide' AND subject_id = ?", hidden));
    }

    @Test
    void aHeldPostWaitsInTheQueueUntilApproved() throws Exception {
        HttpResponse<String> watched = admin.submit("/x/moderation/words", "/x/moderation/words",
                Map.of("pattern", "quarantine", "kind", "word", "action", "hold"));
        assertEquals(303, watched.statusCode(), watched.body());
        long reply = fx.reply(member, fx.topic(member, "General", "A held reply's topic", "The opening post"),
                "Held text waits-for-review in QUARANTINE");
        eventually("the held post is queued", () -> fx.item("held", reply) > 0);
        String topic = fx.pathOfPost(reply);
        assertFalse(site.get(topic).body().contains("waits-for-review"), "not public yet");
        long item = fx.item("held", reply);
        assertTrue(moderator.get("/x/moderation/review").body().contains("data-item=\"" + item + "\""));
        assertTrue(catmod.get("/x/moderation/review/" + item).body().contains("Watched word: quarantine"));
        assertEquals(303, act(catmod, item, "approve", Map.of()).statusCode());
        assertTrue(site.get(topic).body().contains("waits-for-review"), "published");
        assertEquals(1, fx.audits("approve", "post", reply));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'PostApproved'"
                + " AND payload LIKE ? AND payload LIKE '%\"wasHeld\":true%'", "%\"postId\":" + reply + ",%"));
    }

    @Test
    void signUpsAwaitingApprovalAreApprovedOrRejected() {
        Members.signUp(site, "Hopeful");
        Members.signUp(site, "Doubtful");
        Sql.change(site.database(), "UPDATE members SET status = 'pending' WHERE username_key IN ('hopeful',"
                + " 'doubtful')");
        String queue = moderator.get("/x/moderation/review?kind=signup").body();
        long hopeful = fx.item("signup", fx.member("Hopeful"));
        long doubtful = fx.item("signup", fx.member("Doubtful"));
        assertTrue(queue.contains("data-item=\"" + hopeful + "\"") && queue.contains("data-item=\"" + doubtful
                + "\""), queue);
        assertEquals(403, act(catmod, hopeful, "approve-signup", Map.of()).statusCode());
        assertEquals(303, act(moderator, hopeful, "approve-signup", Map.of()).statusCode());
        assertEquals(303, act(admin, doubtful, "reject-signup", Map.of()).statusCode());
        assertEquals("active", Sql.value(site.database(), "SELECT status FROM members WHERE username_key = 'hopeful'"));
        assertFalse("pending".equals(Sql.value(site.database(),
                "SELECT status FROM members WHERE username_key = 'doubtful'")));
        Members.logIn(site, "Hopeful");
        assertEquals(1, fx.audits("approve-signup", "member", fx.member("Hopeful")));
        assertEquals(1, fx.audits("reject-signup", "member", fx.member("Doubtful")));
    }
}
