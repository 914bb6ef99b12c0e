package hearth.server.moderation;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flagging posts and members over HTTP: the form, the rules, the daily limit, and hiding by count or by score. */
class FlagsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static ReviewFixtures fx;
    static Browser admin;
    static Browser moderator;
    static Browser author;
    static Browser ana;
    static Browser bo;
    static Browser cy;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        fx = new ReviewFixtures(site);
        admin = Members.member(site, "Flagadmin", "admin");
        Trust.letNewcomersFlag(admin);
        moderator = Members.member(site, "Flagmod", "moderator");
        author = Members.member(site, "Writer", "member");
        ana = Members.member(site, "Ana", "member");
        bo = Members.member(site, "Bobo", "member");
        cy = Members.member(site, "Cyra", "member");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @AfterEach
    void defaults() {
        fx.defaults(admin);
    }

    @Test
    void aMemberFlagsAPostOnceWithAReasonAndNotTheirOwn() {
        long post = fx.topic(author, "General", "Cheap watches for sale here", "Buy cheap watches: flagme-one");
        String topic = fx.pathOfPost(post);
        assertTrue(ana.get(topic).body().contains("href=\"/x/moderation/flag/post/" + post + "\""), "flag link");
        assertFalse(author.get(topic).body().contains("/x/moderation/flag/post/" + post), "not on own posts");
        assertFalse(site.get(topic).body().contains("/x/moderation/flag/post/"), "not for visitors");

        HttpResponse<String> none = fx.flagPost(ana, post, "", "");
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Choose why you are flagging this."), none.body());
        HttpResponse<String> other = fx.flagPost(ana, post, "other", "");
        assertEquals(400, other.statusCode());
        assertTrue(other.body().contains("Tell the moderators what is wrong."));
        assertEquals(400, fx.flagPost(ana, post, "other", "x".repeat(501)).statusCode());
        assertEquals(0, fx.number("SELECT COUNT(*) FROM moderation_flags WHERE item_id = ?", post));

        HttpResponse<String> flagged = fx.flagPost(ana, post, "spam", "");
        assertEquals(303, flagged.statusCode(), flagged.body());
        assertEquals("/p/" + post, flagged.headers().firstValue("Location").orElseThrow());
        assertTrue(ana.get(topic).body().contains("Flagged: the moderators will look at it"));

        HttpResponse<String> again = fx.flagPost(ana, post, "off-topic", "");
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("You have already flagged this post"), again.body());
        assertEquals(403, fx.flagPost(author, post, "spam", "").statusCode());
        assertEquals(403, site.get("/x/moderation/flag/post/" + post).statusCode(), "visitors");

        assertEquals(1, fx.number("SELECT COUNT(*) FROM moderation_flags WHERE item_id = ? AND item_kind = 'post'",
                post));
        assertEquals(1, fx.audits("flag", "post", post));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM journal WHERE event_type = 'FlagRaised' AND payload LIKE ?",
                "%\"postId\":" + post + ",%"));
        assertTrue(fx.item("post", post) > 0, "queued");
        assertTrue(site.get(topic).body().contains("flagme-one"), "one flag hides nothing");
    }

    @Test
    void membersAreFlaggedFromTheirProfileButNotStaffOrThemselves() {
        long writer = fx.member("Writer");
        assertTrue(ana.get("/u/Writer").body().contains("href=\"/x/moderation/flag/member/" + writer + "\""));
        assertFalse(author.get("/u/Writer").body().contains("/x/moderation/flag/member/"));
        String form = "/x/moderation/flag/member/" + writer;
        assertEquals(200, bo.get(form).statusCode());
        HttpResponse<String> flagged = bo.submit(form, form, Map.of("reason", "harassment", "text", "Rude in DMs"));
        assertEquals(303, flagged.statusCode(), flagged.body());
        assertEquals("/u/Writer", flagged.headers().firstValue("Location").orElseThrow());
        assertTrue(bo.get("/u/Writer").body().contains("You flagged this member"));
        assertEquals(403, author.get(form).statusCode(), "not yourself");
        assertEquals(403, ana.get("/x/moderation/flag/member/" + fx.member("Flagmod")).statusCode(), "not staff");
        assertTrue(fx.item("member", writer) > 0);
        assertEquals(1, fx.audits("flag", "member", writer));
    }

    @Test
    void theDailyLimitCountsTheLast24Hours() {
        fx.settings(admin, "weighted", 3, 3, 2);
        Browser busy = Members.member(site, "Busybody", "member");
        long one = fx.topic(author, "General", "Limit test one", "First of three");
        long two = fx.reply(author, one, "Second of three");
        long three = fx.reply(author, one, "Third of three");
        assertEquals(303, fx.flagPost(busy, one, "off-topic", "").statusCode());
        assertEquals(303, fx.flagPost(busy, two, "off-topic", "").statusCode());
        HttpResponse<String> third = fx.flagPost(busy, three, "off-topic", "");
        assertEquals(400, third.statusCode());
        assertTrue(third.body().contains("the most allowed"), third.body());
        Sql.change(site.database(), "UPDATE moderation_flags SET created_at = created_at - INTERVAL '2' DAY"
                + " WHERE flagger_id = ?", fx.member("Busybody"));
        assertEquals(303, fx.flagPost(busy, three, "off-topic", "").statusCode(), "a day later");
    }

    @Test
    void countModeHidesAfterNDistinctFlaggers() {
        fx.settings(admin, "count", 3, 2, 20);
        long post = fx.reply(author, fx.topic(author, "General", "Counting flags here", "The opening post"),
                "Counted text hideme-count");
        String topic = fx.pathOfPost(post);
        assertEquals(303, fx.flagPost(ana, post, "spam", "").statusCode());
        assertTrue(site.get(topic).body().contains("hideme-count"));
        assertEquals(303, fx.flagPost(bo, post, "inappropriate", "").statusCode());
        assertFalse(site.get(topic).body().contains("hideme-count"), "hidden from visitors");
        assertTrue(author.get(topic).body().contains("hideme-count"), "its author still sees it");
        assertEquals(1, fx.audits("auto-hide", "post", post));
        long item = fx.item("post", post);
        String page = moderator.get("/x/moderation/review/" + item).body();
        assertTrue(page.contains("2 distinct flaggers of 2"), page);

        // The moderator disagrees: the post is shown again, and the flaggers' accuracy counts the miss.
        String review = "/x/moderation/review/" + item;
        assertEquals(303, moderator.submit(review, review + "/approve", Map.of()).statusCode());
        assertTrue(site.get(topic).body().contains("hideme-count"), "restored");
        assertEquals(2, fx.number("SELECT COUNT(*) FROM moderation_flags WHERE item_id = ? AND state = 'disagreed'",
                post));
        long next = fx.reply(author, post, "Another post to flag after a miss");
        assertEquals(303, fx.flagPost(bo, next, "spam", "").statusCode());
        assertEquals("0.333", Sql.value(site.database(), "SELECT CAST(accuracy AS DECIMAL(6, 3)) FROM"
                + " moderation_flags WHERE item_id = ? AND flagger_id = ?", next, fx.member("Bobo")));
    }

    @Test
    void weightedModeHidesAtTheThresholdAndModeratorsSeeWhy() {
        long post = fx.reply(author, fx.topic(author, "Show & Tell", "Weighing flags here", "The opening post"),
                "Weighed text hideme-weight");
        String topic = fx.pathOfPost(post);
        assertEquals(303, fx.flagPost(ana, post, "spam", "").statusCode());
        assertEquals(303, fx.flagPost(bo, post, "spam", "").statusCode());
        assertTrue(site.get(topic).body().contains("hideme-weight"), "2.0 is under 3");
        // A day-old account weighs a quarter: it does not tip the balance.
        Browser fresh = Members.member(site, "Freshling", true);
        assertEquals(303, fx.flagPost(fresh, post, "spam", "").statusCode());
        assertTrue(site.get(topic).body().contains("hideme-weight"), "2.25 is under 3");
        assertEquals(303, fx.flagPost(cy, post, "other", "Looks like an advert").statusCode());
        assertFalse(site.get(topic).body().contains("hideme-weight"), "3.25 hides it");
        assertTrue(author.get(topic).body().contains("hideme-weight"));

        HttpResponse<String> page = moderator.get("/x/moderation/review/" + fx.item("post", post));
        assertEquals(200, page.statusCode());
        String why = page.body();
        assertTrue(why.contains("4 flags (spam x3, other), score 3.25 of 3.00"), why);
        assertTrue(why.contains("@Ana") && why.contains("@Bobo") && why.contains("@Cyra")
                && why.contains("@Freshling"), why);
        assertTrue(why.contains("<td>0.5</td><td>0.25</td>"), "the new account's trust and weight");
        assertTrue(why.contains("Looks like an advert"));
        assertTrue(why.contains("weight = trust × accuracy"));
        assertEquals(403, ana.get("/x/moderation/review/" + fx.item("post", post)).statusCode());
    }

    @Test
    void theApiFlagsWithFormFields() {
        long post = fx.topic(author, "General", "Flagged over the API", "API flagged text");
        String token = ana.cookie("hearth_csrf").map(c -> c.getValue()).orElseGet(() -> {
            ana.get("/");
            return ana.cookie("hearth_csrf").orElseThrow().getValue();
        });
        HttpResponse<String> raised = ana.post("/x/moderation/api/flags", Map.of("kind", "post",
                "id", String.valueOf(post), "reason", "off-topic"), "X-CSRF-Token", token);
        assertEquals(201, raised.statusCode(), raised.body());
        assertTrue(raised.body().contains("\"hidden\":false"), raised.body());
        assertEquals(409, ana.post("/x/moderation/api/flags", Map.of("kind", "post", "id", String.valueOf(post),
                "reason", "spam"), "X-CSRF-Token", token).statusCode());
        assertEquals(400, bo.post("/x/moderation/api/flags", Map.of("kind", "topic", "id", String.valueOf(post),
                "reason", "spam"), "X-CSRF-Token", bo.cookie("hearth_csrf").orElseThrow().getValue()).statusCode());
    }
}
