package hearth.server.notifications.email;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SecondNode;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notification email against a real SMTP server: immediately (after the in-app grace period, which the tests skip
 * by backdating the notification), in the daily digest, the opt-in digest for absent members, and one-click
 * unsubscribe. Time passes by moving stored times back, since the server runs on the real clock.
 */
class NotificationEmailTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path dataDir;
    /** Long enough for the mailer to have run at least once more. */
    static final long ANOTHER_RUN = TestSite.CHORES.multipliedBy(2).toMillis();
    static TestSite site;
    static SecondNode node;
    static Browser admin;
    static long category;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir.resolve("site"), "--no-demo", "--smtp-host", "127.0.0.1",
                "--smtp-port", String.valueOf(smtp.getSmtp().getPort()), "--smtp-security", "none",
                "--smtp-from", "hearth@example.org");
        node = SecondNode.on(site.database(), dataDir.resolve("node"));
        admin = Members.signUp(site, "Olwen");
        category = node.transaction(tx -> node.discussions().createCategory(tx, "Garden", "", "#5b6ee1", 0));
    }

    @AfterAll
    static void stop() {
        node.close();
        site.close();
    }

    /** A member with a confirmed address, whose mail state row exists (so the next notification counts as new). */
    static Browser member(String username) throws Exception {
        Browser browser = Members.signUp(site, username);
        long id = id(username);
        Sql.execute(site.database(), "UPDATE members SET email_verified_at = created_at WHERE id = " + id);
        eventually(username + "'s mail state", () -> number("SELECT COUNT(*) FROM member_email_state WHERE "
                + "member_id = " + id) == 1);
        return browser;
    }

    static long id(String username) throws Exception {
        return Sql.number(site.database(), "SELECT id FROM members WHERE username_key = '"
                + username.toLowerCase(Locale.ROOT) + "'");
    }

    static long number(String sql) {
        try {
            return Sql.number(site.database(), sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void setEmail(Browser browser, String json) {
        HttpResponse<String> put = browser.json("PUT", "/api/v1/me/preferences", "{\"email\": " + json + "}");
        assertEquals(200, put.statusCode(), put.body());
    }

    /** {@code replier} answers a new topic of {@code author}'s; returns the id of the author's notification. */
    static long reply(String author, String replier, String title) throws Exception {
        long authorId = id(author);
        long replierId = id(replier);
        long topic = node.transaction(tx -> node.discussions().startTopic(tx, authorId, category, title,
                "What do you all think about this?"));
        node.transaction(tx -> node.discussions().reply(tx, replierId, topic, "I think it is a fine idea."));
        eventually(author + " is notified", () -> number("SELECT COUNT(*) FROM notifications WHERE member_id = "
                + authorId + " AND title = 'replied to " + title + "'") == 1);
        return number("SELECT id FROM notifications WHERE member_id = " + authorId + " AND title = 'replied to "
                + title + "'");
    }

    /** Lets the in-app grace period pass for the member's notifications. */
    static void graceOver(String username) throws Exception {
        Sql.execute(site.database(), "UPDATE notifications SET created_at = TIMESTAMPADD(MINUTE, -3, created_at) "
                + "WHERE member_id = " + id(username));
    }

    /** Notification mails to the member (not the address confirmation). */
    static List<MimeMessage> mailsTo(String username) {
        String address = username.toLowerCase(Locale.ROOT) + "@example.org";
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address)
                        && !m.getSubject().equals("Confirm your email address");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String header(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? null : values[0];
    }

    /** Waits until the mailer has taken the member's notifications up to {@code notification} for {@code column}. */
    static void considered(String username, String column, long notification) throws Exception {
        long memberId = id(username);
        eventually(column + " passes " + notification, () -> number("SELECT " + column
                + " FROM member_email_state WHERE member_id = " + memberId) >= notification);
        Thread.sleep(1500); // the outbox delivers right after the commit; give a stray mail time to arrive
    }

    @Test
    void anImmediateMailArrivesOnceWithOneClickUnsubscribeHeaders() throws Exception {
        Browser ada = member("Ada");
        member("Bodhi");
        setEmail(ada, "{\"replies\": \"immediately\"}");
        long notification = reply("Ada", "Bodhi", "Bean poles");
        Thread.sleep(ANOTHER_RUN);
        assertEquals(List.of(), mailsTo("Ada"), "not before the grace period");

        graceOver("Ada");
        eventually("Ada's mail", () -> mailsTo("Ada").size() == 1);
        MimeMessage mail = mailsTo("Ada").getFirst();
        assertEquals("Bodhi replied to Bean poles", mail.getSubject());
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("\r\n", "\n");
        assertTrue(body.contains("Bodhi replied to Bean poles"), body);
        Matcher link = Pattern.compile("<(http[^>]+/email/unsubscribe/[^>]+)>").matcher(
                header(mail, "List-Unsubscribe"));
        assertTrue(link.matches(), header(mail, "List-Unsubscribe"));
        assertTrue(body.contains(link.group(1)), "the body has the link too:\n" + body);
        assertEquals("List-Unsubscribe=One-Click", header(mail, "List-Unsubscribe-Post"));

        considered("Ada", "immediate_through", notification);
        Thread.sleep(ANOTHER_RUN);
        assertEquals(1, mailsTo("Ada").size(), "sent once");
    }

    @Test
    void aNotificationReadOnTheSiteFirstIsNotMailed() throws Exception {
        Browser cyd = member("Cyd");
        member("Dara");
        setEmail(cyd, "{\"replies\": \"immediately\"}");
        long notification = reply("Cyd", "Dara", "Seed swap");
        assertEquals(303, cyd.submit("/notifications", "/notifications/read", Map.of()).statusCode());
        graceOver("Cyd");
        considered("Cyd", "immediate_through", notification);
        assertEquals(List.of(), mailsTo("Cyd"));
    }

    @Test
    void neverMeansNever() throws Exception {
        Browser eli = member("Eli");
        member("Fen");
        setEmail(eli, "{\"replies\": \"never\", \"other\": \"never\"}");
        long notification = reply("Eli", "Fen", "Slug traps");
        graceOver("Eli");
        long eliId = id("Eli");
        Sql.execute(site.database(), "UPDATE member_email_state SET daily_sent_at = TIMESTAMPADD(DAY, -2, "
                + "daily_sent_at), weekly_sent_at = TIMESTAMPADD(DAY, -8, weekly_sent_at) WHERE member_id = " + eliId);
        considered("Eli", "immediate_through", notification);
        considered("Eli", "daily_through", notification);
        considered("Eli", "weekly_through", notification);
        assertEquals(List.of(), mailsTo("Eli"));
    }

    @Test
    void unconfirmedAndSuspendedAccountsGetNoMail() throws Exception {
        Browser max = Members.signUp(site, "Max"); // address never confirmed
        Browser ned = member("Ned");
        member("Oda");
        long maxId = id("Max");
        eventually("Max's mail state", () -> number("SELECT COUNT(*) FROM member_email_state WHERE member_id = "
                + maxId) == 1);
        setEmail(max, "{\"replies\": \"immediately\"}");
        setEmail(ned, "{\"replies\": \"immediately\"}");
        Sql.execute(site.database(), "UPDATE members SET status = 'suspended', status_until = "
                + "TIMESTAMPADD(DAY, 3, CURRENT_TIMESTAMP) WHERE id = " + id("Ned"));
        long toMax = reply("Max", "Oda", "Wormery");
        long toNed = reply("Ned", "Oda", "Mulch");
        graceOver("Max");
        graceOver("Ned");
        considered("Max", "immediate_through", toMax);
        considered("Ned", "immediate_through", toNed);
        assertEquals(List.of(), mailsTo("Max"));
        assertEquals(List.of(), mailsTo("Ned"));
    }

    @Test
    void theDailyDigestListsTheUnreadOnesOnceAndNothingIsMailedOnItsOwn() throws Exception {
        Browser gil = member("Gil");
        member("Hana");
        long first = reply("Gil", "Hana", "Rain barrels");
        long read = reply("Gil", "Hana", "Cold frames");
        long last = reply("Gil", "Hana", "Leaf mould");
        HttpResponse<String> marked = gil.json("POST", "/api/v1/notifications/read", "{\"id\": " + read + "}");
        assertEquals(204, marked.statusCode(), marked.body());
        graceOver("Gil");
        considered("Gil", "immediate_through", last);
        assertEquals(List.of(), mailsTo("Gil"), "daily is the default: nothing on its own");

        long gilId = id("Gil");
        Sql.execute(site.database(), "UPDATE member_email_state SET daily_sent_at = TIMESTAMPADD(DAY, -2, "
                + "daily_sent_at) WHERE member_id = " + gilId);
        eventually("Gil's digest", () -> mailsTo("Gil").size() == 1);
        MimeMessage digest = mailsTo("Gil").getFirst();
        assertEquals("Your daily digest from Hearth: 2 unread notifications", digest.getSubject());
        String body = GreenMailUtil.getBody(digest).replace("=\r\n", "").replace("\r\n", "\n");
        assertTrue(body.contains("Hana replied to Rain barrels") && body.contains("Hana replied to Leaf mould"), body);
        assertFalse(body.contains("Cold frames"), "read on the site already");
        assertTrue(header(digest, "List-Unsubscribe").contains("/email/unsubscribe/" + gilId + ".daily."));
        assertTrue(first < last);

        // The next day's run finds nothing new: no second digest of the same notifications.
        Sql.execute(site.database(), "UPDATE member_email_state SET daily_sent_at = TIMESTAMPADD(DAY, -2, "
                + "daily_sent_at) WHERE member_id = " + gilId);
        eventually("the quiet day passes", () -> number("SELECT COUNT(*) FROM member_email_state WHERE member_id = "
                + gilId + " AND daily_sent_at > (SELECT created_at FROM members WHERE id = " + gilId + ")") == 1);
        Thread.sleep(ANOTHER_RUN);
        assertEquals(1, mailsTo("Gil").size(), "sent once");
    }

    @Test
    void theAbsentMemberDigestIsOptInAndOffUntilTheSiteOffersIt() throws Exception {
        Browser ivo = member("Ivo");
        member("Jun");
        setEmail(ivo, "{\"digest\": \"daily\"}");
        long authorId = id("Jun");
        long busy = node.transaction(tx -> node.discussions().startTopic(tx, authorId, category, "Tomato blight",
                "It is everywhere this year."));
        node.transaction(tx -> node.discussions().reply(tx, authorId, busy, "Even in the greenhouse, sadly."));
        node.transaction(tx -> node.discussions().startTopic(tx, authorId, category, "Quiet corner",
                "Nobody answers here."));
        for (String away : List.of("Ivo", "Jun")) {
            Sql.execute(site.database(), "UPDATE members SET created_at = TIMESTAMPADD(DAY, -30, created_at), "
                    + "last_seen_at = TIMESTAMPADD(DAY, -10, CURRENT_TIMESTAMP) WHERE id = " + id(away));
        }
        Thread.sleep(2 * ANOTHER_RUN); // two runs
        assertEquals(List.of(), mailsTo("Ivo"), "off by default");

        HttpResponse<String> on = admin.submit("/admin/settings", "/admin/settings", Map.of(
                "accounts.deleted-member-posts", "anonymise", "notifications.absent-digest", "on",
                "notifications.absent-digest-days", "7"));
        assertEquals(303, on.statusCode(), on.body());
        try {
            eventually("Ivo's digest", () -> mailsTo("Ivo").size() == 1);
            MimeMessage digest = mailsTo("Ivo").getFirst();
            assertEquals("What you missed on Hearth", digest.getSubject());
            String body = GreenMailUtil.getBody(digest).replace("=\r\n", "").replace("\r\n", "\n");
            assertTrue(body.indexOf("Tomato blight (1 reply)") < body.indexOf("Quiet corner (0 replies)")
                    && body.contains("Quiet corner"), "most replied first:\n" + body);
            assertTrue(header(digest, "List-Unsubscribe").contains(".digest."));
            Thread.sleep(ANOTHER_RUN);
            assertEquals(1, mailsTo("Ivo").size(), "at most once per 7 days");
            assertEquals(List.of(), mailsTo("Jun"), "Jun did not opt in");
        } finally {
            admin.submit("/admin/settings", "/admin/settings", Map.of("accounts.deleted-member-posts", "anonymise",
                    "notifications.absent-digest-days", "7"));
        }
    }

    @Test
    void aBadDayCountIsRefusedNextToTheField() {
        HttpResponse<String> bad = admin.submit("/admin/settings", "/admin/settings", Map.of(
                "accounts.deleted-member-posts", "anonymise", "notifications.absent-digest-days", "0"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"absent-days-error\" role=\"alert\">Enter a number of days from 1 to 365."),
                bad.body());
    }

    @Test
    void unsubscribeAsksOnGetActsOnPostAndRefusesForgedLinks() throws Exception {
        Browser kit = member("Kit");
        member("Lou");
        setEmail(kit, "{\"replies\": \"immediately\"}");
        reply("Kit", "Lou", "Compost tea");
        graceOver("Kit");
        eventually("Kit's mail", () -> mailsTo("Kit").size() == 1);
        String url = header(mailsTo("Kit").getFirst(), "List-Unsubscribe").replaceAll("^<|>$", "");
        String path = URI.create(url).getPath();

        Browser stranger = new Browser(site);
        HttpResponse<String> page = stranger.get(path);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Stop emails about replies.") && page.body().contains(">Unsubscribe</button>"),
                page.body());
        assertTrue(kit.json("GET", "/api/v1/me/preferences", null).body().contains("\"replies\":\"immediately\""),
                "a GET (a mail scanner) changes nothing");

        // As a mail client does it (RFC 8058): a bare POST, no cookies, no CSRF token.
        HttpResponse<String> oneClick = site.http().send(HttpRequest.newBuilder(site.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, oneClick.statusCode(), oneClick.body());
        assertTrue(oneClick.body().contains("You are unsubscribed")
                && oneClick.body().contains("href=\"/account/preferences\""), oneClick.body());
        String preferences = kit.json("GET", "/api/v1/me/preferences", null).body();
        assertTrue(preferences.contains("\"replies\":\"never\"") && preferences.contains("\"other\":\"daily\""),
                "only that kind: " + preferences);

        String forged = path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A");
        for (String bad : List.of(forged, path.replace(".replies.", ".other."), "/email/unsubscribe/nonsense")) {
            HttpResponse<String> refused = stranger.get(bad);
            assertEquals(400, refused.statusCode(), bad);
            assertTrue(refused.body().contains("This unsubscribe link is not valid"), refused.body());
            assertEquals(400, stranger.post(bad, Map.of("List-Unsubscribe", "One-Click")).statusCode(), bad);
        }
        assertTrue(kit.json("GET", "/api/v1/me/preferences", null).body().contains("\"other\":\"daily\""),
                "forged links change nothing");
    }
}
