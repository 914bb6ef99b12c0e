package hearth.server.analytics;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SettableClock;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import hearth.server.testing.Trust;
import io.vertx.core.json.JsonObject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly report by mail, against a real SMTP server, on a clock the test moves over two ISO weeks (UTC; d0 is
 * a Monday, so the weeks are d28..d34 and d35..d41 and the report is due from d42 00:00):
 *
 * <pre>
 * d27 Ana, Gus, Max join (admins)     d36 08:00 Ana and Gus opt in; Bea (a member) cannot
 * d29 10:00 Bea joins                 d36 09:00 Cal joins; 10:00 replies to T1 (167 h after it started)
 * d29 11:00 Bea starts T1             d37 12:00 Cal starts T2; 14:00 Bea replies (first response 2 h)
 *                                     d38 08:00 Dee joins; 09:00 Cal flags Bea's reply
 *                                     d40 Gus is no longer an admin
 * </pre>
 * Ana gets one report, Gus (who lost analytics.view), Max (who did not opt in) and Bea get none.
 */
class WeeklyReportTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    static final LocalDate D0 = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    static final SettableClock CLOCK = new SettableClock(D0.atTime(6, 30).toInstant(ZoneOffset.UTC));
    static final String PAGE = "/x/analytics/report";

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void seed() throws Exception {
        site = TestSite.start(dataDir, CLOCK, "--smtp-host", "127.0.0.1", "--smtp-port",
                String.valueOf(smtp.getSmtp().getPort()), "--smtp-security", "none", "--smtp-from",
                "hearth@example.org");
        awaitScheduled();
        moveTo(27, 9);
        Trust.letNewcomersFlag(Members.member(site, "Ana", "admin"));
        Members.member(site, "Gus", "admin");
        Members.member(site, "Max", "admin");
        moveTo(29, 10);
        Members.member(site, "Bea", "member");
        moveTo(29, 11);
        long t1 = topic(as("Bea"), "General", "Which seeds for a shady balcony?");

        moveTo(36, 8);
        Browser ana = as("Ana");
        assertEquals(403, ana.post(PAGE, Map.of("subscribe", "true")).statusCode(), "no CSRF token");
        assertEquals(false, subscribed(ana));
        assertEquals(303, ana.submit(PAGE, PAGE, Map.of("subscribe", "true")).statusCode());
        assertEquals(true, subscribed(ana));
        assertTrue(ana.get(PAGE).body().contains("You get the weekly report."));
        HttpResponse<String> gus = as("Gus").json("POST", "/api/v1" + PAGE, "{\"subscribe\": true}");
        assertEquals(200, gus.statusCode(), gus.body());
        Browser bea = as("Bea");
        assertEquals(403, bea.submit("/", PAGE, Map.of("subscribe", "true")).statusCode());
        assertEquals(403, bea.json("POST", "/api/v1" + PAGE, "{\"subscribe\": true}").statusCode());
        assertEquals(403, bea.get(PAGE).statusCode());

        moveTo(36, 9);
        Members.member(site, "Cal", "member");
        moveTo(36, 10);
        reply(as("Cal"), t1, "Try lettuce and chard, they like the shade.");
        moveTo(37, 12);
        long t2 = topic(as("Cal"), "Help & Support", "Aphids on the beans");
        moveTo(37, 14);
        long beasReply = reply(as("Bea"), t2, "Soapy water works for me, every other day.");
        moveTo(38, 8);
        Members.member(site, "Dee", "member");
        moveTo(38, 9);
        HttpResponse<String> flagged = as("Cal").json("POST", "/api/v1/x/moderation/flags", new JsonObject()
                .put("kind", "post").put("id", beasReply).put("reason", "spam").encode());
        assertEquals(201, flagged.statusCode(), flagged.body());
        moveTo(40, 12);
        Sql.change(site.database(), "UPDATE members SET role = 'member' WHERE username_key = 'gus'");
        eventually("the journal reached the roll-ups (Cal's flag, last in journal order)",
                () -> !"0".equals(Sql.value(site.database(), "SELECT COUNT(*) FROM analytics_flags")));

        moveTo(41, 23);
        awaitRun();
        assertEquals(List.of(), reports(), "Ana opted in after the last week ended; this one has not");
        moveTo(42, 0, 30);
        awaitRun();
        eventually("Ana's report arrived", () -> reportsTo("ana").size() == 1);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void theSubscriberGetsTheWeeksHeadlineNumbersAndTheirChange() throws Exception {
        MimeMessage mail = reportsTo("ana").getFirst();
        String week = D0.plusDays(35).get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", D0.plusDays(35).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertEquals("Community report, week " + week + ": 2 active members, 3 posts", mail.getSubject());
        String body = ((String) mail.getContent()).replace("\r\n", "\n").replaceAll(" +", " ");
        assertTrue(body.contains("week " + week + " (" + day(35) + " to " + day(41) + "), against the week before ("
                + day(28) + " to " + day(34) + ")"), body);
        for (String line : List.of(
                "Active members: 2 (week before: 1, +100.0 %)", // Bea and Cal posted; Bea the week before
                "New members: 2 (week before: 1, +100.0 %)", // Cal and Dee; Bea
                "Posts: 3 (week before: 1, +200.0 %)", // Cal's reply, T2 and Bea's reply; T1
                "Response rate (24 h): 100.0 % (week before: 0.0 %, no comparison)", // T2 in 2 h; T1 after 167 h
                "Median first response: 2 h 0 min (week before: 167 h 0 min, -98.8 %)", // (120 - 10020) / 10020
                "Unanswered topics: 0 (week before: 0, no comparison)",
                "Flags: 1 (week before: 0, no comparison)")) {
            assertTrue(body.contains("\n" + line + "\n"), line + " in:\n" + body);
        }
        assertTrue(body.matches("(?s).*\nPage views: \\d+ \\(week before: \\d+, .*"), body);
        assertTrue(body.contains("/x/analytics/?from=" + day(35) + "&to=" + day(41)), body);
        assertTrue(body.contains("To stop these mails: "), body);
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertTrue(unsubscribe.startsWith("<http") && unsubscribe.endsWith(PAGE + ">"), unsubscribe);
    }

    @Test
    void noOneElseGetsItAndNoWeekIsSentTwice() throws Exception {
        moveTo(42, 0, 50);
        awaitRun();
        Thread.sleep(500); // the outbox delivers right after the commit; give a stray mail time to arrive
        assertEquals(1, reports().size(), "one report: none for Gus (no longer an admin), Max and Bea (not opted"
                + " in), none again for Ana");
        assertEquals(1, reportsTo("ana").size());
        assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE ?",
                "Community report%"));
    }

    private static boolean subscribed(Browser manager) {
        HttpResponse<String> state = manager.json("GET", "/api/v1" + PAGE, null);
        assertEquals(200, state.statusCode(), state.body());
        return new JsonObject(state.body()).getBoolean("subscribed");
    }

    private static List<MimeMessage> reports() {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("Community report");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<MimeMessage> reportsTo(String username) {
        return reports().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(username + "@example.org");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static void awaitScheduled() throws InterruptedException {
        eventually("the weekly report task is scheduled", () -> !"0".equals(Sql.value(site.database(),
                "SELECT COUNT(*) FROM scheduled_tasks WHERE task_id = ?", "analytics:weekly-report")));
    }

    /** Waits for a run of the report task that started at the clock's present time or later, to its end. */
    private static void awaitRun() throws InterruptedException {
        Instant now = CLOCK.instant();
        eventually("the weekly report task ran", () -> {
            String started = Sql.value(site.database(), "SELECT last_started_at FROM scheduled_tasks"
                    + " WHERE task_id = ?", "analytics:weekly-report");
            String finished = Sql.value(site.database(), "SELECT last_finished_at FROM scheduled_tasks"
                    + " WHERE task_id = ?", "analytics:weekly-report");
            return started != null && finished != null && !instant(started).isBefore(now)
                    && !instant(finished).isBefore(instant(started));
        });
    }

    private static Instant instant(String timestamp) {
        return Timestamp.valueOf(timestamp).toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static void moveTo(int d, int hour) {
        moveTo(d, hour, 0);
    }

    private static void moveTo(int d, int hour, int minute) {
        CLOCK.advance(Duration.between(CLOCK.instant(), D0.plusDays(d).atTime(hour, minute)
                .toInstant(ZoneOffset.UTC)));
    }

    /** Logs in now: a session that is not remembered lasts a day of the clock. */
    private static Browser as(String username) {
        return Members.logIn(site, username);
    }

    private static String day(int d) {
        return D0.plusDays(d).toString();
    }

    private static long topic(Browser author, String category, String title) {
        long categoryId = Long.parseLong(Sql.value(site.database(), "SELECT id FROM categories WHERE name = ?",
                category));
        HttpResponse<String> started = author.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", categoryId).put("title", title)
                .put("body", "The opening post of " + title.toLowerCase(Locale.ROOT) + ".").encode());
        assertEquals(201, started.statusCode(), started.body());
        return new JsonObject(started.body()).getLong("id");
    }

    private static long reply(Browser author, long topicId, String body) {
        HttpResponse<String> replied = author.json("POST", "/api/v1/topics/" + topicId + "/posts",
                new JsonObject().put("body", body).encode());
        assertEquals(201, replied.statusCode(), replied.body());
        return new JsonObject(replied.body()).getLong("id");
    }
}
