package hearth.server.searchlucene;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SecondNode;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search-lucene plugin as it ships: the bundled jar, enabled by an admin through the real plugin manager, answering
 * the site search over HTTP; its index following the journal; what each viewer may find; the query syntax; the admin
 * section and the search log; and the core answering again when it is disabled. One site for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LuceneSearchTest {

    /** How long a change may take to reach the results (the goal is 1 s; the margin is for a busy CI machine). */
    static final long FOLLOW_MILLIS = 2_000;

    @TempDir
    static Path dataDir;
    static TestSite site;
    static SecondNode node;
    static Browser admin;
    static Browser moderator;
    static Browser member;
    static long melId;
    static long general;
    static long staffRoom;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(dataDir.resolve("site"));
        node = SecondNode.on(site.database(), dataDir.resolve("node"));
        admin = Members.member(site, "Founder", "admin");
        moderator = Members.member(site, "Mona", "moderator");
        member = Members.member(site, "Mel", "member");
        melId = Sql.number(site.database(), "SELECT id FROM members WHERE username = 'Mel'");
        general = Sql.number(site.database(), "SELECT id FROM categories WHERE name = 'General'");
        HttpResponse<String> created = admin.json("POST", "/api/v1/admin/categories",
                "{\"name\": \"Staff room\", \"description\": \"For the team\", \"color\": \"#5b6ee1\", \"see\": \"moderators\"}");
        assertEquals(201, created.statusCode(), created.body());
        staffRoom = new JsonObject(created.body()).getLong("id");

        assertEquals("core", search(site::get, "tomato").getString("provider"), "off until an admin enables it");
        HttpResponse<String> enabled = admin.submit("/admin/plugins/search-lucene",
                "/admin/plugins/search-lucene/enable", Map.of());
        assertEquals(303, enabled.statusCode(), enabled.body());
        eventually("the index is built and answers", () -> "search-lucene".equals(
                search(member::get, "tomato").getString("provider")));
    }

    @AfterAll
    static void stop() {
        node.close();
        site.close();
    }

    static long topic(long category, String title, String body) {
        return node.transaction(tx -> node.discussions().startTopic(tx, melId, category, title, body));
    }

    static long reply(long topic, String body) {
        return node.transaction(tx -> node.discussions().reply(tx, melId, topic, body));
    }

    static long postId(long topic, int number) {
        return Long.parseLong(Sql.value(site.database(), "SELECT id FROM posts WHERE topic_id = ? AND post_number = ?",
                topic, number));
    }

    static JsonObject search(Function<String, HttpResponse<String>> viewer, String q) {
        HttpResponse<String> response = viewer.apply("/api/v1/search?limit=50&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    /** The hits' links, in order. */
    static List<String> urls(Function<String, HttpResponse<String>> viewer, String q) {
        JsonArray hits = search(viewer, q).getJsonArray("hits");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            urls.add(hits.getJsonObject(i).getString("url"));
        }
        return urls;
    }

    static String post(long topic, int number) {
        return "/t/" + topic + "#post-" + number;
    }

    /**
     * Waits (at most {@link #FOLLOW_MILLIS}) until a member's search for {@code q} has {@code url} or not (members, as
     * anonymous searches are rate-limited).
     */
    static void follows(String what, String q, String url, boolean found) throws InterruptedException {
        long deadline = System.currentTimeMillis() + FOLLOW_MILLIS;
        while (urls(member::get, q).contains(url) != found) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": after " + FOLLOW_MILLIS + " ms the search for " + q
                        + (found ? " still misses " : " still finds ") + url + ": " + urls(member::get, q));
            }
            Thread.sleep(20);
        }
    }

    @Test
    @Order(1)
    void theBundledJarRunsInItsOwnClassLoaderAndKeepsItsIndexInItsDataDir() throws Exception {
        assertTrue(site.plugins().isActive("search-lucene"));
        Path index = dataDir.resolve("site/plugin-data/search-lucene/index");
        assertTrue(Files.isDirectory(index) && Files.list(index).anyMatch(f -> f.getFileName().toString()
                .startsWith("segments_")), "a committed index under the plugin's data dir: " + index);
        JsonObject tomato = search(site::get, "tomato leaves");
        JsonObject first = tomato.getJsonArray("hits").getJsonObject(0);
        assertEquals("Tomato leaves curling upwards: should I worry?", first.getString("title"), tomato.encode());
        assertEquals("topic", first.getString("type"), "an exact title match comes first");

        JsonObject all = search(member::get, "garden");
        assertTrue(all.getLong("total") >= 3, all.encode());
        JsonObject second = new JsonObject(member.get("/api/v1/search?q=garden&offset=1&limit=1").body());
        assertEquals(all.getLong("total"), second.getLong("total"));
        assertEquals(1, second.getJsonArray("hits").size());
        assertEquals(all.getJsonArray("hits").getJsonObject(1).getString("url"),
                second.getJsonArray("hits").getJsonObject(0).getString("url"), "pages continue where the last ended");
    }

    @Test
    @Order(2)
    void newEditedDeletedMovedAndUnlistedContentIsReflectedWithinASecond() throws Exception {
        long topic = topic(general, "Quince jelly", "My quince jelly never sets, any advice?");
        follows("a new topic", "quince", post(topic, 1), true);
        long reply = reply(topic, "Add lemon juice: the pectin needs acid. Also try crabapples.");
        follows("a new reply", "crabapples", post(topic, 2), true);

        HttpResponse<String> edited = moderator.json("PATCH", "/api/v1/posts/" + reply,
                "{\"body\": \"Add lemon juice: the pectin needs acid. Also try medlars.\", \"reason\": \"typo\"}");
        assertEquals(200, edited.statusCode(), edited.body());
        follows("an edit adds the new word", "medlars", post(topic, 2), true);
        follows("an edit drops the old word", "crabapples", post(topic, 2), false);

        assertEquals(200, moderator.json("DELETE", "/api/v1/posts/" + reply, "").statusCode());
        follows("a deleted post", "medlars", post(topic, 2), false);

        HttpResponse<String> moved = moderator.json("POST", "/api/v1/x/moderation/topics/" + topic + "/move",
                "{\"categoryId\": \"" + staffRoom + "\", \"reason\": \"team matter\"}");
        assertEquals(200, moved.statusCode(), moved.body());
        follows("a topic moved to a staff category", "quince", post(topic, 1), false);
        assertTrue(urls(moderator::get, "quince").contains(post(topic, 1)), "moderators still find it there");

        long unlisted = topic(general, "Rhubarb forcing", "Forcing rhubarb under buckets in February.");
        follows("another new topic", "rhubarb", post(unlisted, 1), true);
        HttpResponse<String> hidden = moderator.json("POST", "/api/v1/x/moderation/topics/" + unlisted + "/unlist",
                "{\"reason\": \"seasonal\"}");
        assertEquals(200, hidden.statusCode(), hidden.body());
        follows("an unlisted topic", "rhubarb", post(unlisted, 1), false);
        assertFalse(urls(moderator::get, "rhubarb").contains(post(unlisted, 1)), "unlisted is out of search for all");
    }

    @Test
    @Order(3)
    void nobodyFindsWhatTheyMayNotRead() throws Exception {
        long staff = topic(staffRoom, "Payroll spreadsheet", "The volunteer stipend spreadsheet is in the drive.");
        long open = topic(general, "Spreadsheet for seed swaps", "A shared spreadsheet of seeds to swap.");
        long mona = Sql.number(site.database(), "SELECT id FROM members WHERE username = 'Mona'");
        long conversation = node.transaction(tx -> node.discussions().startConversation(tx, melId, List.of(mona),
                "Private spreadsheet", "Our private spreadsheet of pickup times."));
        long held = node.transaction(tx -> node.discussions().reply(tx, melId, open,
                "Held spreadsheet reply waiting for review.", null, "watched word"));
        long deleted = topic(general, "Spreadsheet mistake", "A spreadsheet posted by mistake.");
        follows("the last topic", "mistake", post(deleted, 1), true);
        assertEquals(200, moderator.json("DELETE", "/api/v1/posts/" + postId(deleted, 1), "").statusCode());
        follows("a deleted topic", "mistake", post(deleted, 1), false);

        for (Function<String, HttpResponse<String>> viewer : List.<Function<String, HttpResponse<String>>>of(
                site::get, member::get)) {
            List<String> found = urls(viewer, "spreadsheet");
            assertTrue(found.contains(post(open, 1)), found.toString());
            assertFalse(found.contains(post(staff, 1)), "a category the viewer cannot read: " + found);
            assertFalse(found.stream().anyMatch(u -> u.startsWith("/t/" + conversation + "#")),
                    "a private conversation: " + found);
        }
        List<String> team = urls(moderator::get, "spreadsheet");
        assertTrue(team.contains(post(staff, 1)), "moderators read the staff room: " + team);
        assertFalse(team.stream().anyMatch(u -> u.startsWith("/t/" + conversation + "#")),
                "not even its participants find a conversation in the site search: " + team);
        assertFalse(urls(moderator::get, "held").stream().anyMatch(u -> u.startsWith("/t/" + open + "#")),
                "a post held for review (hidden) is not found, post id " + held);

        HttpResponse<String> renamed = admin.json("PUT", "/api/v1/admin/categories/" + staffRoom, "{\"name\":"
                + " \"Staff lounge\", \"description\": \"For the team\", \"color\": \"#5b6ee1\", \"see\": \"moderators\"}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        long deadline = System.currentTimeMillis() + FOLLOW_MILLIS;
        while (!urls(moderator::get, "lounge").contains(post(staff, 1))) {
            assertTrue(System.currentTimeMillis() < deadline, "a renamed category's topics are found by its new name");
            Thread.sleep(20);
        }
        assertFalse(urls(member::get, "lounge").contains(post(staff, 1)), "and still only by who may read them");
    }

    @Test
    @Order(4)
    void theQuerySyntaxNarrowsAndOrders() throws Exception {
        long tagged = topic(general, "Redis for the plant database", "We keep the plant database in Redis.");
        HttpResponse<String> tags = moderator.json("PUT", "/api/v1/topics/" + tagged + "/tags",
                "{\"tags\": [\"infra\"]}");
        long redirect = topic(general, "Redirect after login", "The login page should redirect to the garden map.");
        long phrase = topic(general, "Garden map layout", "The garden map shows beds by number, not by crop.");
        follows("tagged", "tag:infra redis", post(tagged, 1), tags.statusCode() == 200);
        follows("indexed", "layout", post(phrase, 1), true);

        List<String> redis = urls(site::get, "redis");
        assertTrue(redis.contains(post(tagged, 1)), redis.toString());
        assertFalse(redis.contains(post(redirect, 1)), "light stemming: redis is not redirect: " + redis);

        List<String> exact = urls(site::get, "\"garden map shows\"");
        assertEquals(List.of(post(phrase, 1)), exact, "a phrase matches only in that order");
        assertFalse(urls(site::get, "garden map -redirect").contains(post(redirect, 1)), "-word excludes");
        assertTrue(urls(site::get, "garden map -redirect").contains(post(phrase, 1)));
        assertTrue(urls(site::get, "in:title layout").contains(post(phrase, 1)));
        assertFalse(urls(site::get, "in:title crop").contains(post(phrase, 1)), "crop is only in the text");
        assertTrue(urls(site::get, "@mel garden").contains(post(phrase, 1)));
        assertFalse(urls(site::get, "@maya garden").contains(post(phrase, 1)));
        assertTrue(urls(site::get, "#general garden").contains(post(phrase, 1)));
        assertTrue(urls(site::get, "status:open garden").contains(post(phrase, 1)));
        assertFalse(urls(site::get, "status:closed garden").contains(post(phrase, 1)));
        assertFalse(urls(site::get, "before:2001-01-01 garden").contains(post(phrase, 1)));
        assertTrue(urls(site::get, "after:2001-01-01 garden").contains(post(phrase, 1)));
        List<String> latest = urls(site::get, "garden order:latest");
        assertEquals(post(phrase, 1), latest.getFirst(), "newest first: " + latest);

        long question = topic(general, "Which loppers for thick branches", "Bypass or anvil loppers?");
        Sql.change(site.database(), "UPDATE topics SET kind = 'question' WHERE id = ?", question);
        long answer = reply(question, "Bypass loppers cut cleaner on live wood.");
        long other = topic(general, "Loppers sharpening", "How do you sharpen loppers?");
        follows("indexed", "sharpen", post(other, 1), true);
        assertFalse(urls(site::get, "loppers status:solved").contains(post(question, 1)));
        HttpResponse<String> accepted = moderator.json("POST", "/api/v1/posts/" + answer + "/accept", "{}");
        assertEquals(200, accepted.statusCode(), accepted.body());
        follows("an accepted answer", "loppers status:solved", post(question, 2), true);
        assertFalse(urls(site::get, "loppers status:unsolved").contains(post(question, 2)));
        assertFalse(urls(site::get, "loppers status:solved").contains(post(other, 1)), "not a question");

        assertEquals(200, admin.json("POST", "/api/v1/posts/" + postId(other, 1) + "/like", "{\"liked\": true}").statusCode());
        assertEquals(200, moderator.json("POST", "/api/v1/posts/" + postId(other, 1) + "/like", "{\"liked\": true}").statusCode());
        long deadline = System.currentTimeMillis() + FOLLOW_MILLIS;
        while (!urls(member::get, "loppers order:likes").getFirst().equals(post(other, 1))) {
            assertTrue(System.currentTimeMillis() < deadline, "the most liked first: "
                    + urls(member::get, "loppers order:likes"));
            Thread.sleep(20);
        }

        HttpResponse<String> bad = site.get("/api/v1/search?q=" + URLEncoder.encode("status:maybe", StandardCharsets.UTF_8));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(new JsonObject(bad.body()).getString("error").contains("status: takes solved, unsolved"),
                bad.body());
        for (String odd : List.of("\"", "\"\"", "-", "-\"", "@", "#", "tag:", "in:title", "order:latest", "*", "a AND b OR",
                "(((", "東", "foo~2", "title:x", "\\", "%_")) {
            HttpResponse<String> odds = member.get("/api/v1/search?q=" + URLEncoder.encode(odd, StandardCharsets.UTF_8));
            assertEquals(200, odds.statusCode(), odd + " → " + odds.body());
            assertEquals("search-lucene", new JsonObject(odds.body()).getString("provider"),
                    odd + ": answered by the index, not by the core after a failure");
        }
        HttpResponse<String> badPage = site.get("/search?q=" + URLEncoder.encode("before:yesterday", StandardCharsets.UTF_8));
        assertEquals(400, badPage.statusCode());
        assertTrue(badPage.body().contains("before: takes a date written YYYY-MM-DD"), badPage.body());
    }

    @Test
    @Order(5)
    void resultsAreHighlightedGroupedAndForgiving() throws Exception {
        long cafe = topic(general, "Café meetup", "We meet at the café by the allotments. 東京タワーの近くです。");
        follows("indexed", "cafe", post(cafe, 1), true);
        assertTrue(urls(site::get, "東京").contains(post(cafe, 1)), "CJK text is searchable");

        JsonObject json = search(site::get, "allotments cafe");
        JsonObject hit = json.getJsonArray("hits").stream().map(JsonObject.class::cast)
                .filter(h -> h.getString("url").equals(post(cafe, 1))).findFirst().orElseThrow();
        JsonArray mark = hit.getJsonArray("marks").getJsonArray(0);
        String snippet = hit.getString("snippet");
        String marked = snippet.substring(mark.getInteger(0), mark.getInteger(1)).toLowerCase();
        assertTrue(marked.equals("café") || marked.equals("allotments"), snippet + " " + hit.getJsonArray("marks"));

        JsonObject typo = search(site::get, "allotmnets");
        assertTrue(typo.getJsonArray("hits").stream().map(JsonObject.class::cast)
                .anyMatch(h -> h.getString("url").equals(post(cafe, 1))), "one typo is forgiven: " + typo.encode());
        assertEquals("allotments", typo.getString("didYouMean"), typo.encode());

        String page = site.get("/search?q=allotmnets").body();
        assertTrue(page.contains("Did you mean <a href=\"/search?q=allotments\">allotments</a>?"), page);
        String grouped = site.get("/search?q=" + URLEncoder.encode("café", StandardCharsets.UTF_8)).body();
        assertTrue(grouped.contains("<mark>"), grouped);
        long ask = topic(general, "Ask Mona about seed saving", "She knows the old varieties.");
        follows("indexed", "seed saving", post(ask, 1), true);
        String people = site.get("/search?q=mona").body();
        assertTrue(people.contains("<h2 class=\"search-group\">Topics</h2>"), people);
        assertTrue(people.contains("<h2 class=\"search-group\">Members</h2>"), people);
        assertTrue(people.contains("<a class=\"topic-title\" href=\"/u/Mona\">"), "a member links to their profile");
    }

    static long event(String title, String visibility) {
        HttpResponse<String> created = moderator.json("POST", "/api/v1/events", new JsonObject()
                .put("title", title).put("description", "Bring gloves and a *thermos*.")
                .put("category", Sql.value(site.database(), "SELECT slug FROM categories WHERE name = 'Events & Meetups'"))
                .put("startsAt", Instant.now().plus(Duration.ofDays(9)).toString())
                .put("endsAt", Instant.now().plus(Duration.ofDays(9)).plus(Duration.ofHours(2)).toString())
                .put("timeZone", "UTC").put("venue", "Orchard gate").put("visibility", visibility)
                .put("invitees", visibility.equals("invite") ? "Mel" : "").encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getLong("id");
    }

    @Test
    @Order(6)
    void eventsAndMembersAreFoundByWhoMaySeeThem() throws Exception {
        long open = event("Hedgelaying day", "public");
        long closed = event("Hedgelaying for members", "members");
        long invite = event("Hedgelaying for the invited", "invite");
        follows("a members' event", "hedgelaying", "/events/" + closed, true);
        List<String> anonymous = urls(site::get, "hedgelaying");
        assertTrue(anonymous.contains("/events/" + open), anonymous.toString());
        assertFalse(anonymous.contains("/events/" + closed), "members-only events are for members");
        assertFalse(urls(moderator::get, "hedgelaying").contains("/events/" + invite), "invite-only is never found");
        assertTrue(urls(site::get, "orchard gate thermos").contains("/events/" + open), "venue and description");

        assertEquals(200, moderator.json("DELETE", "/api/v1/events/" + open, null).statusCode());
        follows("a cancelled event", "hedgelaying", "/events/" + open, false);

        Browser quiet = Members.member(site, "Quilla", "member");
        HttpResponse<String> profile = quiet.json("PATCH", "/api/v1/me/profile",
                "{\"bio\": \"I keep rare heirloom squash.\"}");
        assertEquals(200, profile.statusCode(), profile.body());
        follows("a member's profile text", "heirloom squash", "/u/Quilla", true);
        HttpResponse<String> hide = quiet.json("PATCH", "/api/v1/me/profile", "{\"hideProfile\": true}");
        assertEquals(200, hide.statusCode(), hide.body());
        follows("a hidden profile", "heirloom squash", "/u/Quilla", false);
        assertEquals(200, quiet.json("PATCH", "/api/v1/me/profile", "{\"hideProfile\": false}").statusCode());
        follows("a shown profile again", "quilla", "/u/Quilla", true);
        HttpResponse<String> banned = moderator.json("POST", "/api/v1/x/moderation/members/Quilla/ban",
                "{\"reason\": \"spam\"}");
        assertTrue(banned.statusCode() == 200 || banned.statusCode() == 403, banned.body());
        if (banned.statusCode() == 403) { // banning is for admins
            assertEquals(200, admin.json("POST", "/api/v1/x/moderation/members/Quilla/ban",
                    "{\"reason\": \"spam\"}").statusCode());
        }
        follows("a banned member", "quilla", "/u/Quilla", false);
    }

    @Test
    @Order(7)
    void adminsRebuildWithProgressAndReadTheSearchLog() throws Exception {
        String page = admin.get("/admin/x/search-lucene/").body();
        assertTrue(page.contains("Rebuild the index"), page);
        HttpResponse<String> started = admin.submit("/admin/x/search-lucene/", "/admin/x/search-lucene/rebuild",
                Map.of());
        assertEquals(303, started.statusCode(), started.body());
        eventually("the rebuild finishes", () -> admin.get("/admin/x/search-lucene/progress").body()
                .contains("Last rebuilt (an admin asked)"));
        String progress = admin.get("/admin/x/search-lucene/progress").body();
        assertTrue(progress.matches("(?s).*posts: [1-9]\\d*.*"), progress);
        assertEquals("Tomato leaves curling upwards: should I worry?", search(site::get, "tomato leaves")
                .getJsonArray("hits").getJsonObject(0).getString("title"), "searches work after a rebuild");
        assertTrue(urls(site::get, "mistake").isEmpty(), "a rebuild leaves deleted topics out too");
        assertTrue(urls(site::get, "rhubarb").isEmpty(), "and unlisted ones");
        assertTrue(urls(site::get, "payroll").isEmpty(), "and keeps the staff room to staff");
        assertEquals(1, urls(moderator::get, "payroll").size());

        search(site::get, "zzyzx nothing matches");
        search(site::get, "zzyzx nothing matches");
        JsonObject log = new JsonObject(moderator.get("/api/v1/x/search-lucene/log?days=7").body());
        assertTrue(log.getJsonArray("zeroResults").encode().contains("\"query\":\"zzyzx nothing matches\""),
                log.encode());
        assertTrue(log.getJsonArray("top").encode().contains("\"searches\":2"), log.encode());
        assertEquals(403, member.get("/api/v1/x/search-lucene/log").statusCode());
        assertEquals(400, moderator.get("/api/v1/x/search-lucene/log?days=12").statusCode());
        assertTrue(admin.get("/admin/x/search-lucene/?days=7").body().contains("zzyzx nothing matches"));
    }

    @Test
    @Order(9)
    void anonymousSearchersAreRateLimitedAndMembersAreNot() {
        int status = 200;
        for (int i = 0; i <= 60 && status == 200; i++) {
            status = site.get("/api/v1/search?q=tomato").statusCode();
        }
        assertEquals(429, status, "more than 60 anonymous searches a minute from one address");
        assertEquals(429, site.get("/search?q=tomato").statusCode(), "the page too");
        assertEquals(200, member.get("/api/v1/search?q=tomato").statusCode());
    }

    @Test
    @Order(8)
    void disabledTheCoreSearchesAgainAndReEnabledTheIndexAnswers() throws Exception {
        assertEquals(303, admin.submit("/admin/plugins/search-lucene", "/admin/plugins/search-lucene/disable",
                Map.of()).statusCode());
        assertEquals("core", search(site::get, "tomato").getString("provider"));
        assertEquals(303, admin.submit("/admin/plugins/search-lucene", "/admin/plugins/search-lucene/enable",
                Map.of()).statusCode());
        eventually("the index answers again", () -> "search-lucene".equals(
                search(member::get, "tomato").getString("provider")));
    }
}
