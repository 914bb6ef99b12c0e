package hearth.server.analytics;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SettableClock;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import hearth.server.testing.Trust;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard number against a history seeded on a clock the test moves, in a site time zone (Asia/Kolkata,
 * UTC+05:30) where some events fall on one day locally and another in UTC; the roll-ups kept from the journal equal
 * those rebuilt from scratch, and a change of zone moves the day boundaries.
 *
 * <pre>
 * previous period d37..d39            current period d40..d42                        after: d43
 * d39 09:00 Ana joins (admin)        d40 08:00 Cal joins
 * d39 10:00 Bea joins                d41 00:10 Cal replies to T1 (d40 18:40 UTC)    d43 00:20 Bea replies to
 * d39 10:30 Bea starts T1 (General)  d41 09:00 Bea likes Cal's reply                 her own T3 (d42 in UTC),
 *   as a question                    d41 09:05 Bea accepts it: T1 solved             00:25 accepts that: T3
 *                                    d41 12:00 Cal starts T2 (Help &amp; Support),     solved
 *                                      a question
 *                                    d41 13:00 Cal replies to his own T2
 *                                    d42 08:00 Dee joins
 *                                    d42 13:00 Bea replies to T2 (first response: 25 h)
 *                                    d42 13:30 Cal accepts it, 13:45 takes that back
 *                                    d42 14:00 Cal flags Bea's reply; 16:00 Ana hides it
 *                                    d42 23:40 Bea starts T3 (General), a question,
 *                                      never answered by anyone else
 *                                                                                   d43 08:00 Eve joins, 08:30
 *                                                                                   starts T4, unanswered; 08:40
 *                                                                                   Ana creates an event at
 *                                                                                   10:00 (and its topic), Bea
 *                                                                                   and Cal go, Bea checks in
 * </pre>
 */
class AnalyticsMetricsTest {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final LocalDate D0 = LocalDate.now(ZoneOffset.UTC);
    static final SettableClock CLOCK = new SettableClock(D0.atTime(6, 30).toInstant(ZoneOffset.UTC));
    static final String API = "/api/v1/x/analytics";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser ana;
    static Browser cal;
    static long t1;
    static long t2;
    static long t3;

    @BeforeAll
    static void seed() throws Exception {
        // The demo community is seeded on d0, long before either period (and their 30-day windows).
        site = TestSite.start(dataDir, CLOCK);
        moveTo(39, 9, 0);
        ana = Members.member(site, "Ana", "admin");
        HttpResponse<String> zone = ana.json("PUT", "/api/v1/admin/plugins/analytics/settings",
                "{\"time-zone\": \"Asia/Kolkata\"}");
        assertEquals(200, zone.statusCode(), zone.body());
        HttpResponse<String> rebuilt = ana.json("POST", API + "/rebuild", "{}");
        assertEquals(200, rebuilt.statusCode(), rebuilt.body());
        assertEquals("Asia/Kolkata", new JsonObject(rebuilt.body()).getString("zone"));
        Trust.letNewcomersFlag(ana);

        moveTo(39, 10, 0);
        Members.member(site, "Bea", "member");
        moveTo(39, 10, 30);
        t1 = question(as("Bea"), "General", "Which seeds for a shady balcony?");
        moveTo(40, 8, 0);
        Members.member(site, "Cal", "member");
        // Day 39 is over: the rebuild keeps its summary, which Cal's reply to T1 on d41 has to reopen.
        assertEquals(200, ana.json("POST", API + "/rebuild", "{}").statusCode());
        moveTo(41, 0, 10);
        long calsReply = reply(as("Cal"), t1, "Try lettuce and chard, they like the shade.");
        eventually("Cal's reply reached the roll-ups", () -> "2".equals(Sql.value(site.database(),
                "SELECT COUNT(*) FROM analytics_facts WHERE kind = 'post' AND topic_id = ?", t1)));
        assertEquals(2260, dashboard("?from=" + day(39) + "&to=" + day(39)).getJsonObject("current")
                .getLong("medianFirstResponseMinutes"), "d39's summary was reopened by the reply to T1");
        moveTo(41, 9, 0);
        HttpResponse<String> liked = as("Bea").json("POST", "/api/v1/posts/" + calsReply + "/like", "{\"liked\": true}");
        assertEquals(200, liked.statusCode(), liked.body());
        moveTo(41, 9, 5);
        accept(as("Bea"), calsReply, true);
        moveTo(41, 12, 0);
        t2 = question(as("Cal"), "Help & Support", "Aphids on the beans");
        moveTo(41, 13, 0);
        reply(as("Cal"), t2, "They are spreading to the peas as well.");
        moveTo(42, 8, 0);
        Members.member(site, "Dee", "member");
        moveTo(42, 13, 0);
        long beasReply = reply(as("Bea"), t2, "Soapy water works for me, every other day.");
        moveTo(42, 13, 30);
        accept(as("Cal"), beasReply, true);
        moveTo(42, 13, 45);
        accept(as("Cal"), beasReply, false);
        moveTo(42, 14, 0);
        HttpResponse<String> flagged = as("Cal").json("POST", "/api/v1/x/moderation/flags", new JsonObject()
                .put("kind", "post").put("id", beasReply).put("reason", "spam").encode());
        assertEquals(201, flagged.statusCode(), flagged.body());
        long item = new JsonObject(flagged.body()).getLong("itemId");
        moveTo(42, 16, 0);
        ana = as("Ana");
        String review = "/x/moderation/review/" + item;
        assertEquals(200, ana.get(review).statusCode());
        assertEquals(303, ana.submit(review, review + "/hide", Map.of()).statusCode());
        moveTo(42, 23, 40);
        t3 = question(as("Bea"), "General", "Overwintering dahlias");
        moveTo(43, 0, 20);
        long beasAnswer = reply(as("Bea"), t3, "Answering myself: lift them after the first frost.");
        moveTo(43, 0, 25);
        accept(as("Bea"), beasAnswer, true);
        moveTo(43, 8, 0);
        Members.member(site, "Eve", "member");
        moveTo(43, 8, 30);
        long t4 = topic(as("Eve"), "Help & Support", "First time growing garlic");
        moveTo(43, 8, 40);
        Instant starts = D0.plusDays(43).atTime(10, 0).atZone(KOLKATA).toInstant();
        HttpResponse<String> created = as("Ana").json("POST", "/api/v1/events", new JsonObject()
                .put("title", "Seed swap").put("description", "Bring seeds.").put("category", Sql.value(
                        site.database(), "SELECT slug FROM categories WHERE name = ?", "Events & Meetups"))
                .put("startsAt", starts.toString()).put("endsAt", starts.plusSeconds(7200).toString())
                .put("timeZone", "Asia/Kolkata").put("venue", "Library").encode());
        assertEquals(201, created.statusCode(), created.body());
        long event = new JsonObject(created.body()).getLong("id");
        moveTo(43, 8, 50);
        for (String going : List.of("Bea", "Cal")) {
            HttpResponse<String> rsvp = as(going).json("PUT", "/api/v1/events/" + event + "/rsvp",
                    "{\"status\": \"going\"}");
            assertEquals(200, rsvp.statusCode(), rsvp.body());
        }
        moveTo(43, 9, 30);
        HttpResponse<String> checkIn = as("Ana").json("POST", "/api/v1/events/" + event + "/check-in",
                "{\"username\": \"Bea\"}");
        assertEquals(200, checkIn.statusCode(), checkIn.body());
        moveTo(43, 10, 30);
        ana = as("Ana");
        cal = as("Cal");
        eventually("the journal reached the roll-ups (Bea's check-in, last in journal order)",
                () -> !"0".equals(Sql.value(site.database(), "SELECT COUNT(*) FROM analytics_facts"
                        + " WHERE kind = 'checkin' AND ref_id = ?", event)));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void everyMetricMatchesTheHandCountedHistory() {
        JsonObject report = dashboard("?from=" + day(40) + "&to=" + day(42));
        assertEquals("Asia/Kolkata", report.getString("zone"));
        JsonObject c = report.getJsonObject("current");
        assertEquals(3, c.getInteger("days"));
        assertEquals(1.33, c.getDouble("dau"), "active member-days 0 + 2 + 2 over 3 days");
        assertEquals(2, c.getInteger("wau"));
        assertEquals(2, c.getInteger("mau"));
        assertEquals(66.5, c.getDouble("stickiness"), "1.33 / 2");
        assertEquals(2, c.getInteger("activeMembers"));
        assertEquals(2, c.getInteger("newMembers"), "Cal and Dee");
        assertEquals(1, c.getInteger("activated"), "Cal posted 16 h after joining, Dee never");
        assertEquals(50.0, c.getDouble("activationRate"));
        assertEquals(1, c.getInteger("newContributors"), "Cal; Bea first posted in the previous period");
        assertEquals(2, c.getInteger("topics"));
        assertEquals(5, c.getInteger("posts"), "Bea's reply at 00:20 on d43 is outside, though d42 in UTC");
        assertEquals(3, c.getInteger("replies"));
        assertEquals(1, c.getInteger("likes"));
        assertEquals(0.67, c.getDouble("topicsPerDay"));
        assertEquals(1.67, c.getDouble("postsPerDay"));
        assertEquals(0.33, c.getDouble("likesPerDay"));
        assertEquals(0, c.getInteger("answeredInTime"), "T2 waited 25 h; T3 has only its author's reply");
        assertEquals(0.0, c.getDouble("responseRate"));
        assertEquals(1500, c.getLong("medianFirstResponseMinutes"));
        assertEquals(1500, c.getLong("p90FirstResponseMinutes"));
        assertEquals(1, c.getInteger("unanswered"));
        assertEquals(1, c.getInteger("flags"));
        assertEquals(0.33, c.getDouble("flagsPerDay"));
        assertEquals(1, c.getInteger("flagsResolved"));
        assertEquals(120, c.getLong("medianResolveMinutes"));
        assertEquals(2, c.getInteger("questions"), "T2 and T3; T4 and the event's topic are discussions, later");
        assertEquals(1, c.getInteger("questionsSolved"), "T3; Cal took back his acceptance on T2");
        assertEquals(50.0, c.getDouble("solvedRate"));

        JsonObject p = report.getJsonObject("previous");
        assertEquals(day(37), p.getString("from"));
        assertEquals(2, p.getInteger("newMembers"), "Ana and Bea");
        assertEquals(2, p.getInteger("activated"), "Bea after 30 min, Ana (the event's topic) after 3 days 23 h");
        assertEquals(1, p.getInteger("posts"));
        assertEquals(0.33, p.getDouble("dau"));
        assertEquals(1, p.getInteger("mau"));
        assertEquals(33.0, p.getDouble("stickiness"));
        assertEquals(2260, p.getLong("medianFirstResponseMinutes"), "T1 waited 37 h 40 min for Cal");
        assertEquals(0, p.getInteger("flags"));
        assertNull(p.getValue("medianResolveMinutes"));
        assertEquals(List.of(1, 1), List.of(p.getInteger("questions"), p.getInteger("questionsSolved")), "T1");
        assertEquals(100.0, p.getDouble("solvedRate"));

        JsonObject changes = report.getJsonObject("changes");
        assertEquals(400.0, changes.getDouble("posts"));
        assertEquals(303.0, changes.getDouble("dau"), "0.33 to 1.33");
        assertEquals(100.0, changes.getDouble("mau"));
        assertEquals(0.0, changes.getDouble("newMembers"));
        assertNull(changes.getValue("likes"), "nothing to compare with");
        assertEquals(-50.0, changes.getDouble("solvedRate"), "100 % to 50 %");

        JsonArray daily = report.getJsonArray("daily");
        assertEquals(List.of(day(40), day(41), day(42)), daily.stream()
                .map(d -> ((JsonObject) d).getString("day")).toList());
        assertDay(daily.getJsonObject(0), 1, 0, 0, 0, 0, 0, "Cal's 00:10 reply is d41 here, d40 in UTC");
        assertDay(daily.getJsonObject(1), 0, 1, 3, 2, 1, 2, "d41");
        assertDay(daily.getJsonObject(2), 1, 1, 2, 1, 0, 2, "d42");
        assertEquals(1, daily.getJsonObject(2).getInteger("flags"));
        assertEquals(1, daily.getJsonObject(2).getInteger("resolved"));

        JsonArray top = report.getJsonArray("topContributors");
        assertEquals(List.of("Cal:3", "Bea:2"), top.stream().map(o -> ((JsonObject) o).getString("username")
                + ":" + ((JsonObject) o).getInteger("posts")).toList());
        JsonArray categories = report.getJsonArray("categories");
        assertEquals(List.of("Help & Support:1:3", "General:1:2"), categories.stream().map(o -> {
            JsonObject k = (JsonObject) o;
            return k.getString("name") + ":" + k.getInteger("topics") + ":" + k.getInteger("posts");
        }).toList());
        JsonArray unanswered = report.getJsonArray("unanswered");
        assertEquals(1, unanswered.size());
        assertEquals(t3, unanswered.getJsonObject(0).getLong("topicId"));
        assertEquals("/t/" + t3, unanswered.getJsonObject(0).getString("url"));

    }

    @Test
    void contentGapsComeFromTheSearchLogOnceTheSearchPluginKeepsOne() {
        String period = "?from=" + day(40) + "&to=" + day(42);
        assertEquals(List.of(), gaps(period), "search-lucene is installed but off: no log table yet");
        HttpResponse<String> enabled = ana.submit("/admin/plugins/search-lucene", "/admin/plugins/search-lucene/enable",
                Map.of());
        assertEquals(303, enabled.statusCode(), enabled.body());
        // The search plugin's log, as it would have it: what was searched, when, and how many hits.
        for (String[] search : new String[][] {{"30", "kohlrabi", "0"}, {"40", "kohlrabi", "0"},
                {"41", "kohlrabi", "0"}, {"42", "tomatoes", "4"}, {"42", "slug traps", "0"}}) {
            Sql.change(site.database(), "INSERT INTO search_lucene_queries (searched_at, query, signed_in, results)"
                    + " VALUES (?, ?, TRUE, ?)", D0.plusDays(Integer.parseInt(search[0])).atTime(12, 0)
                    .atZone(KOLKATA).toInstant(), search[1], Integer.parseInt(search[2]));
        }
        assertEquals(List.of("kohlrabi:2", "slug traps:1"), gaps(period),
                "the d30 search is before the period; tomatoes found something");
        assertTrue(ana.get("/x/analytics/" + period).body().contains("<th scope=\"row\">kohlrabi</th><td>2</td>"));
    }

    @Test
    void eventsCountWhoSaidTheyWereGoingAndWhoCame() {
        JsonObject d43 = dashboard("?from=" + day(43) + "&to=" + day(43)).getJsonObject("current");
        assertEquals(List.of(1, 2, 1), List.of(d43.getInteger("events"), d43.getInteger("rsvpsGoing"),
                d43.getInteger("attended")));
        assertEquals(50.0, d43.getDouble("noShowRate"), "Cal said going and did not come");
        assertEquals(0, dashboard("?from=" + day(40) + "&to=" + day(42)).getJsonObject("current")
                .getInteger("events"));
    }

    @Test
    void trafficCountsPeopleNotBotsAndNeverAnAddress() throws Exception {
        String today = "?from=" + day(43) + "&to=" + day(43);
        flushTraffic();
        JsonObject before = dashboard(today).getJsonObject("current");
        Browser reader = new Browser(site, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15");
        Browser crawler = new Browser(site, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, reader.get("/").statusCode());
            assertEquals(200, crawler.get("/").statusCode());
        }
        assertEquals(200, reader.get("/api/v1/categories").statusCode());
        flushTraffic();
        JsonObject after = dashboard(today).getJsonObject("current");
        assertEquals(3, after.getInteger("pageViews") - before.getInteger("pageViews"),
                "three pages; the robot's and the API call are not views");
        assertEquals(1, after.getInteger("visitors") - before.getInteger("visitors"));
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM analytics_visitors WHERE visitor LIKE"
                + " '%127.0.0.1%'"), "ids, not addresses");
    }

    @Test
    void daysKeptOnceOverMatchTheDaysCountedAfresh() throws Exception {
        runTask("close-days");
        String first = Sql.value(site.database(), "SELECT MIN(on_day) FROM analytics_daily");
        assertEquals(String.valueOf(Duration.between(LocalDate.parse(first).atStartOfDay(),
                        D0.plusDays(43).atStartOfDay()).toDays()),
                Sql.value(site.database(), "SELECT COUNT(*) FROM analytics_days"),
                "every day from the first counted up to yesterday (d42) is kept, quiet ones too");
        List<String> kept = closedDays();
        List<String> periods = List.of("?from=" + day(37) + "&to=" + day(39), "?from=" + day(40) + "&to="
                + day(42), "?from=" + day(39) + "&to=" + day(43), "?days=90");
        List<JsonObject> fromKept = periods.stream().map(AnalyticsMetricsTest::dashboard).toList();

        Sql.execute(site.database(), "DELETE FROM analytics_days");
        assertEquals(fromKept, periods.stream().map(AnalyticsMetricsTest::dashboard).toList(),
                "the same numbers counted from the member-days and topics");
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM analytics_days"),
                "(the clock stood still: no day was kept again meanwhile)");

        assertEquals(200, ana.json("POST", API + "/rebuild", "{}").statusCode());
        assertEquals(kept, closedDays(), "kept day by day as the journal came (some reopened by later facts and"
                + " kept again) or all at once from scratch: the same summaries");
    }

    /** A query's rows, in one string (a single column). */
    private static String rows(String query) throws Exception {
        return String.join(";", Sql.column(site.database(), query));
    }

    private static List<String> closedDays() throws Exception {
        return List.of(
                rows("SELECT CONCAT(on_day, '/', started, '/', answered,"
                        + " '/', in_time, '/', questions, '/', solved) FROM analytics_days ORDER BY on_day"),
                rows("SELECT active_members FROM analytics_days ORDER BY on_day"),
                rows("SELECT responses FROM analytics_days ORDER BY on_day"));
    }

    /** Lets the traffic task write what the observer counted so far. */
    private static void flushTraffic() throws Exception {
        Thread.sleep(300); // the observers see a request just after its response
        runTask("traffic");
    }

    /** Moves the clock past the next run of one of the plugin's minutely tasks, and waits for it. */
    private static void runTask(String task) throws Exception {
        String id = "analytics:" + task;
        eventually("the task " + id + " is scheduled", () -> !"0".equals(Sql.value(site.database(),
                "SELECT COUNT(*) FROM scheduled_tasks WHERE task_id = ?", id)));
        Instant now = CLOCK.instant();
        CLOCK.advance(Duration.ofSeconds(61));
        eventually("the task " + id + " ran", () -> {
            String finished = Sql.value(site.database(), "SELECT last_finished_at FROM scheduled_tasks"
                    + " WHERE task_id = ?", id);
            return finished != null && java.sql.Timestamp.valueOf(finished).toLocalDateTime()
                    .toInstant(ZoneOffset.UTC).isAfter(now);
        });
    }

    private static List<String> gaps(String period) {
        return dashboard(period).getJsonArray("contentGaps").stream()
                .map(o -> ((JsonObject) o).getString("query") + ":" + ((JsonObject) o).getInteger("searches"))
                .toList();
    }

    @Test
    void thePageChartsAndExportsAreForManagersOnly() {
        String query = "?from=" + day(40) + "&to=" + day(42);
        assertEquals(403, cal.get("/x/analytics/" + query).statusCode());
        assertEquals(403, cal.json("GET", API + "/dashboard", null).statusCode());
        HttpResponse<String> bad = ana.json("GET", API + "/dashboard?from=" + day(42) + "&to=" + day(40), null);
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("to", new JsonObject(bad.body()).getString("field"));
        assertEquals(400, ana.json("GET", API + "/dashboard?days=soon", null).statusCode());

        for (String page : List.of("/x/analytics/" + query, "/admin/x/analytics/" + query)) {
            String html = ana.get(page).body();
            assertTrue(html.contains("<title id=\"chart-posts-title\">Posts per day</title>"), html);
            assertTrue(html.contains("<desc id=\"chart-posts-desc\">5 in all from " + day(40) + " to " + day(42)
                    + "; the most, 3, on " + day(41) + ".</desc>"), html);
            assertTrue(html.contains("<tr><th scope=\"row\">" + day(41) + "</th><td>2</td><td>0</td><td>1</td>"
                    + "<td>3</td>"), "the table behind the charts");
            assertTrue(html.contains("data-topic=\"" + t3 + "\""), "the unanswered topic to act on");
            assertTrue(html.contains("<td>1 / 2 (50.0 %)</td><td>1 / 1 (100.0 %)</td><td>-50.0 %</td>"),
                    "the solved rate and its change");
        }
        HttpResponse<String> csv = ana.get("/x/analytics/daily.csv" + query);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals(List.of("day,active,members,topics,posts,replies,likes,flags,resolved,views,visitors",
                day(40) + ",0,1,0,0,0,0,0,0", day(41) + ",2,0,1,3,2,1,0,0", day(42) + ",2,1,1,2,1,0,1,1"),
                csv.body().lines().map(line -> line.startsWith("day") ? line
                        : line.substring(0, line.lastIndexOf(',', line.lastIndexOf(',') - 1))).toList(),
                "views and visitors are checked on their own");
        String summary = ana.get("/x/analytics/summary.csv" + query).body();
        assertTrue(summary.contains("\r\nposts,5,1\r\n"), summary);
        assertTrue(summary.contains("\r\nmedianResolveMinutes,120,\r\n"), summary);
        assertTrue(summary.contains("\r\nquestions,2,1\r\nquestionsSolved,1,1\r\nsolvedRate,50.0,100.0\r\n"),
                summary);
    }

    @Test
    void aRebuildMatchesTheRollUpsKeptFromTheJournalAndFollowsTheZone() throws Exception {
        List<String> kept = rollups();
        HttpResponse<String> again = ana.json("POST", API + "/rebuild", "{}");
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(kept, rollups());

        assertEquals(200, ana.json("PUT", "/api/v1/admin/plugins/analytics/settings", "{\"time-zone\": \"UTC\"}")
                .statusCode());
        assertEquals("UTC", new JsonObject(ana.json("POST", API + "/rebuild", "{}").body()).getString("zone"));
        JsonObject utc = dashboard("?from=" + day(40) + "&to=" + day(42));
        JsonArray daily = utc.getJsonArray("daily");
        assertEquals(1, daily.getJsonObject(0).getInteger("posts"), "Cal's reply at 18:40 UTC on d40");
        assertEquals(3, daily.getJsonObject(2).getInteger("posts"), "Bea's 18:50 UTC reply now falls on d42");
        assertEquals(6, utc.getJsonObject("current").getInteger("posts"));

        assertEquals(200, ana.json("PUT", "/api/v1/admin/plugins/analytics/settings",
                "{\"time-zone\": \"Asia/Kolkata\"}").statusCode());
        assertEquals(200, ana.json("POST", API + "/rebuild", "{}").statusCode());
        assertEquals(kept, rollups(), "back in the first zone, the same numbers");
    }

    @Test
    void segmentsListMembersToActOnAndAManagerMessagesThem() throws Exception {
        JsonObject fresh = new JsonObject(ana.json("GET", API + "/segments/new-active", null).body());
        assertEquals(List.of("Ana", "Eve", "Cal", "Bea"), usernames(fresh), "first active d43 (the event's topic),"
                + " d43, d41, d39; Dee did nothing, the demo's members began long before");
        List<String> unanswered = usernames(new JsonObject(ana.json("GET", API + "/segments/unanswered-first-post",
                null).body()));
        assertTrue(unanswered.contains("Eve") && !unanswered.contains("Bea") && !unanswered.contains("Cal"),
                "Bea's first topic got Cal's reply, Cal's first post was a reply: " + unanswered);
        assertEquals(403, cal.json("GET", API + "/segments/new-active", null).statusCode());
        assertEquals(404, ana.json("GET", API + "/segments/everyone", null).statusCode());

        String page = "/x/analytics/segments/new-active";
        assertTrue(ana.get(page).body().contains("data-username=\"Eve\""));
        HttpResponse<String> empty = ana.submit(page, page + "/message", Map.of("title", "", "body", "Hello!"));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("Give the message a title"), empty.body());
        assertEquals(403, cal.json("POST", API + "/segments/new-active/message",
                "{\"title\": \"Hi\", \"body\": \"Hello\"}").statusCode());
        HttpResponse<String> sent = ana.submit(page, page + "/message", Map.of("title", "Welcome in!",
                "body", "Glad you are here; ask us anything."));
        assertEquals(303, sent.statusCode(), sent.body());
        assertEquals("3", Sql.value(site.database(), "SELECT COUNT(*) FROM topics WHERE title = ?", "Welcome in!"));
    }

    @Test
    void superfansAndQuietContributorsAreTheRollUpsCountedAsDefined() throws Exception {
        // Counted here straight from the member-days and the kept journal entries, as the segments are defined; the
        // plugin counts them from its day summaries.
        LocalDate since = D0.plusDays(43 - 89);
        String sinceAt = since.atStartOfDay(KOLKATA).toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime()
                .toString().replace('T', ' ');
        Map<Long, Long> engagement = scores("SELECT member_id, COUNT(*) FROM analytics_active WHERE on_day >= '"
                + since + "' GROUP BY member_id UNION ALL SELECT member_id, COUNT(*) FROM analytics_facts WHERE kind"
                + " IN ('post', 'like') AND at >= '" + sinceAt + "' GROUP BY member_id");
        List<Long> superfans = ranked(engagement).stream().limit((long) Math.ceil(engagement.size() * 0.05))
                .toList();
        assertTrue(!superfans.isEmpty(), "the demo's members and the seeded ones were active: " + engagement);
        assertEquals(superfans, ids(new JsonObject(ana.json("GET", API + "/segments/superfans", null).body())));

        Map<Long, Long> posts = scores("SELECT member_id, COUNT(*) FROM analytics_facts WHERE kind = 'post' AND at"
                + " >= '" + sinceAt + "' GROUP BY member_id");
        Map<Long, Long> lastDay = new java.util.HashMap<>();
        for (String row : Sql.column(site.database(), "SELECT CONCAT(member_id, ':', MAX(on_day)) FROM"
                + " analytics_active GROUP BY member_id")) {
            lastDay.put(Long.parseLong(row.split(":")[0]), LocalDate.parse(row.split(":")[1]).toEpochDay());
        }
        List<Long> quiet = ranked(posts).stream().limit((long) Math.ceil(posts.size() * 0.25))
                .filter(id -> lastDay.get(id) <= D0.plusDays(43 - 7).toEpochDay()
                        && lastDay.get(id) >= D0.plusDays(43 - 28).toEpochDay()).toList();
        assertEquals(quiet, ids(new JsonObject(ana.json("GET", API + "/segments/quiet-contributors", null)
                .body())), "(the demo's posters were last active on d0, the seeded members this week)");
    }

    /** Member id → the sum of the counts the query answers for them (member_id and COUNT(*) columns). */
    private static Map<Long, Long> scores(String query) throws Exception {
        Map<Long, Long> scores = new java.util.HashMap<>();
        for (String row : Sql.column(site.database(), "SELECT CONCAT(member_id, ':', SUM(n)) FROM ("
                + query.replace("COUNT(*)", "COUNT(*) AS n") + ") counted GROUP BY member_id")) {
            scores.merge(Long.parseLong(row.split(":")[0]), Long.parseLong(row.split(":")[1]), Long::sum);
        }
        return scores;
    }

    /** Most first; ties by id. */
    private static List<Long> ranked(Map<Long, Long> scores) {
        return scores.keySet().stream().sorted(java.util.Comparator.comparing((Long id) -> -scores.get(id))
                .thenComparing(id -> id)).toList();
    }

    private static List<Long> ids(JsonObject segment) {
        return segment.getJsonArray("members").stream().map(m -> ((JsonObject) m).getLong("id")).toList();
    }

    @Test
    void retentionCohortsAndTheFunnelFollowWhoCameBack() {
        HttpResponse<String> response = ana.json("GET", API + "/cohorts?from=" + day(39) + "&to=" + day(42), null);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject retention = new JsonObject(response.body());
        JsonObject funnel = retention.getJsonObject("funnel");
        assertEquals(List.of(4, 3, 1, 0), List.of(funnel.getInteger("members"), funnel.getInteger("posted"),
                funnel.getInteger("returned"), funnel.getInteger("volunteers")),
                "Ana, Bea, Cal, Dee joined; Ana (the event's topic, d43), Bea and Cal posted; only Bea on more"
                        + " than one day (Cal's three posts were all on d41 in Kolkata)");

        // By hand: who joined which day, and the days each was active (posted, liked or flagged).
        Map<String, Integer> joined = Map.of("Ana", 39, "Bea", 39, "Cal", 40, "Dee", 42, "Eve", 43);
        Map<String, List<Integer>> active = Map.of("Bea", List.of(39, 41, 42, 43), "Cal", List.of(41, 42),
                "Eve", List.of(43), "Ana", List.of(43));
        JsonArray weekly = retention.getJsonObject("weekly").getJsonArray("cohorts");
        for (int i = 0; i < weekly.size(); i++) {
            JsonObject cohort = weekly.getJsonObject(i);
            LocalDate start = LocalDate.parse(cohort.getString("start"));
            if (start.isBefore(monday(39))) {
                continue; // the demo community's members
            }
            List<String> members = joined.keySet().stream().filter(m -> monday(joined.get(m)).equals(start))
                    .toList();
            assertEquals(members.size(), cohort.getInteger("size"), start.toString());
            JsonArray counts = cohort.getJsonArray("active");
            for (int k = 0; k < counts.size(); k++) {
                LocalDate week = start.plusWeeks(k);
                long expected = members.stream().filter(m -> active.getOrDefault(m, List.of()).stream()
                        .anyMatch(d -> monday(d).equals(week))).count();
                assertEquals(expected, counts.getLong(k), start + " + " + k + " weeks");
            }
        }
        String page = ana.get("/x/analytics/cohorts").body();
        assertTrue(page.contains("data-step=\"posted\"") && page.contains("<table class=\"cohorts\""), page);
    }

    @Test
    void slaBreachesAreListedAndAlertedToManagersWhoAskedOnce() throws Exception {
        assertEquals(200, ana.json("PUT", "/api/v1/admin/plugins/analytics/settings",
                "{\"sla-exceptions\": \"general=4\"}").statusCode());
        JsonObject report = new JsonObject(ana.json("GET", API + "/sla", null).body());
        assertEquals(List.of(t1 + ":true", t2 + ":true", t3 + ":false"), report.getJsonArray("breaches").stream()
                .map(b -> ((JsonObject) b).getLong("topicId") + ":" + ((JsonObject) b).getBoolean("answered"))
                .toList(), "T1 waited 37 h and T3 11 h on General's 4 h; T2 25 h on the default 24 h; T4 and the"
                        + " event's topic are fresh");
        assertEquals(List.of("Events & Meetups:24:1:0", "General:4:2:0", "Help & Support:24:2:0"), report.getJsonArray("categories").stream()
                .map(o -> {
                    JsonObject k = (JsonObject) o;
                    return k.getString("name") + ":" + k.getInteger("targetHours") + ":" + k.getInteger("topics")
                            + ":" + k.getInteger("met");
                }).sorted().toList());
        assertEquals(403, cal.json("POST", API + "/alerts", "{\"subscribe\": true}").statusCode());
        assertEquals(400, ana.json("POST", API + "/alerts", "{\"subscribe\": \"maybe\"}").statusCode());
        assertEquals(200, ana.json("POST", API + "/alerts", "{\"subscribe\": true}").statusCode());

        eventually("the alerts task is scheduled", () -> !"0".equals(Sql.value(site.database(),
                "SELECT COUNT(*) FROM scheduled_tasks WHERE task_id = ?", "analytics:alerts")));
        for (int run = 0; run < 2; run++) {
            Instant now = CLOCK.instant();
            CLOCK.advance(Duration.ofMinutes(16));
            eventually("the alerts task ran", () -> {
                String finished = Sql.value(site.database(), "SELECT last_finished_at FROM scheduled_tasks"
                        + " WHERE task_id = ?", "analytics:alerts");
                return finished != null && java.sql.Timestamp.valueOf(finished).toLocalDateTime()
                        .toInstant(ZoneOffset.UTC).isAfter(now);
            });
        }
        assertEquals(List.of("No reply within the 4 h target in General: Overwintering dahlias"),
                Sql.values(site.database(), "SELECT title FROM notifications WHERE kind = ? AND member_id ="
                        + " (SELECT id FROM members WHERE username_key = 'ana')", "analytics.alerts"),
                "T3 only, and once over two runs; nothing reached Cal, who did not ask");
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM notifications WHERE kind = ?"
                + " AND member_id <> (SELECT id FROM members WHERE username_key = 'ana')", "analytics.alerts"));
    }

    private static LocalDate monday(int d) {
        LocalDate day = D0.plusDays(d);
        return day.minusDays(day.getDayOfWeek().getValue() - 1L);
    }

    private static List<String> usernames(JsonObject segment) {
        return segment.getJsonArray("members").stream().map(m -> ((JsonObject) m).getString("username")).toList();
    }

    private static List<String> rollups() throws Exception {
        return List.of(
                rows("SELECT CONCAT(on_day, '/', category_id, '/', metric,"
                        + " '=', amount) FROM analytics_daily ORDER BY on_day, category_id, metric"),
                rows("SELECT CONCAT(on_day, '/', member_id, '/', posts)"
                        + " FROM analytics_active ORDER BY on_day, member_id"),
                rows("SELECT CONCAT(member_id, '/', COALESCE(CAST(joined_at"
                        + " AS CHAR), '-'), '/', COALESCE(CAST(first_post_at AS CHAR), '-'), '/',"
                        + " COALESCE(CAST(volunteer_at AS CHAR), '-'), '/', COALESCE(CAST(first_active_on AS CHAR),"
                        + " '-')) FROM analytics_members ORDER BY member_id"),
                rows("SELECT CONCAT(topic_id, '/', category_id, '/',"
                        + " COALESCE(CAST(first_reply_at AS CHAR), '-'), '/', hidden, '/', question, '/',"
                        + " COALESCE(accepted_post_id, 0)) FROM analytics_topics"
                        + " ORDER BY topic_id"),
                rows("SELECT CONCAT(flag_id, '/', COALESCE(CAST(resolved_at"
                        + " AS CHAR), '-')) FROM analytics_flags ORDER BY flag_id"),
                rows("SELECT CONCAT(event_id, '/', CAST(starts_at AS CHAR),"
                        + " '/', cancelled) FROM analytics_events ORDER BY event_id"),
                rows("SELECT CONCAT(event_id, '/', member_id, '/', going,"
                        + " '/', checked_in) FROM analytics_rsvps ORDER BY event_id, member_id"));
    }

    private static void assertDay(JsonObject day, int members, int topics, int posts, int replies, int likes,
                                  int active, String why) {
        assertEquals(List.of(members, topics, posts, replies, likes, active), List.of(day.getInteger("members"),
                day.getInteger("topics"), day.getInteger("posts"), day.getInteger("replies"),
                day.getInteger("likes"), day.getInteger("active")), why + ": " + day.encode());
    }

    private static JsonObject dashboard(String query) {
        HttpResponse<String> response = ana.json("GET", API + "/dashboard" + query, null);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    /** Moves the clock forward to a local time on day {@code d} (days after d0) in Kolkata. */
    private static void moveTo(int d, int hour, int minute) {
        Instant target = D0.plusDays(d).atTime(LocalTime.of(hour, minute)).atZone(KOLKATA).toInstant();
        CLOCK.advance(Duration.between(CLOCK.instant(), target));
    }

    /** Logs in now: a session that is not remembered lasts a day of the clock. */
    private static Browser as(String username) {
        return Members.logIn(site, username);
    }

    private static String day(int d) {
        return D0.plusDays(d).toString();
    }

    private static long category(String name) {
        return Long.parseLong(Sql.value(site.database(), "SELECT id FROM categories WHERE name = ?", name));
    }

    private static long topic(Browser author, String category, String title) {
        HttpResponse<String> started = author.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", category(category)).put("title", title)
                .put("body", "The opening post of " + title.toLowerCase(Locale.ROOT) + ".").encode());
        assertEquals(201, started.statusCode(), started.body());
        return new JsonObject(started.body()).getLong("id");
    }

    private static long question(Browser author, String category, String title) {
        HttpResponse<String> started = author.json("POST", "/api/v1/topics", new JsonObject()
                .put("categoryId", category(category)).put("title", title).put("kind", "question")
                .put("body", "The question " + title.toLowerCase(Locale.ROOT) + ".").encode());
        assertEquals(201, started.statusCode(), started.body());
        return new JsonObject(started.body()).getLong("id");
    }

    private static void accept(Browser asker, long postId, boolean accept) {
        HttpResponse<String> marked = asker.json(accept ? "POST" : "DELETE", "/api/v1/posts/" + postId + "/accept",
                null);
        assertEquals(200, marked.statusCode(), marked.body());
    }

    private static long reply(Browser author, long topicId, String body) {
        HttpResponse<String> replied = author.json("POST", "/api/v1/topics/" + topicId + "/posts",
                new JsonObject().put("body", body).encode());
        assertEquals(201, replied.statusCode(), replied.body());
        return new JsonObject(replied.body()).getLong("id");
    }
}
