package hearth.server.live;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SecondNode;
import hearth.server.testing.SseClient;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live updates over Server-Sent Events, read by a real streaming client: new replies on an open topic page, the
 * "N new topics" banner of the lists, the notification badge, who may connect, the per-member cap, and replies
 * written on another node. Also the htmx "More topics" of the lists.
 */
class LiveUpdatesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    static Path dataDir;
    static TestSite site;
    static SecondNode node;
    static Browser admin;
    static long garden;
    static long staffRoom;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(dataDir.resolve("site"), "--no-demo");
        node = SecondNode.on(site.database(), dataDir.resolve("node"));
        admin = member("Founder");
        garden = node.transaction(tx -> node.discussions().createCategory(tx, "Garden", "", "#5b6ee1", 0));
        // Through the admin page, so the running site knows at once that only staff see it.
        Map<String, String> form = new HashMap<>(Map.of("name", "Staff room", "description", "Staff talk",
                "color", "#336699", "parentId", "0", "see", "moderators"));
        assertEquals(303, admin.submit("/admin/categories", "/admin/categories", form).statusCode());
        staffRoom = Sql.number(site.database(), "SELECT id FROM categories WHERE name = 'Staff room'");
    }

    @AfterAll
    static void stop() {
        node.close();
        site.close();
    }

    /** A member who may post at once: signed up, address confirmed, joined long ago (no newcomer pace). */
    static Browser member(String username) throws Exception {
        Members.signUp(site, username);
        Sql.execute(site.database(), "UPDATE members SET email_verified_at = CURRENT_TIMESTAMP,"
                + " created_at = TIMESTAMPADD(DAY, -30, CURRENT_TIMESTAMP) WHERE username_key = '"
                + username.toLowerCase(Locale.ROOT) + "'");
        return Members.logIn(site, username);
    }

    static long id(String username) throws Exception {
        return Sql.number(site.database(), "SELECT id FROM members WHERE username_key = '"
                + username.toLowerCase(Locale.ROOT) + "'");
    }

    static long topic(String author, long category, String title) throws Exception {
        long authorId = id(author);
        return node.transaction(tx -> node.discussions().startTopic(tx, authorId, category, title,
                "What do you think about " + title + "?"));
    }

    static String path(long topic) throws Exception {
        return "/t/" + Sql.row(site.database(), "SELECT slug FROM topics WHERE id = " + topic).getFirst() + "/"
                + topic;
    }

    @Test
    void aReplyAppearsOnAnOpenTopicPageWithinASecond() throws Exception {
        Browser ada = member("Ada");
        Browser bo = member("Bodhi");
        long topic = topic("Ada", garden, "Bean poles");
        String page = ada.get(path(topic)).body();
        assertTrue(page.contains("sse-connect=\"/live/t/" + topic + "?after=1\""), page);
        assertTrue(page.contains("data-sse-swap=\"post\" data-hx-swap=\"beforeend\""), "the posts list takes new posts");

        try (SseClient visitor = SseClient.open(site.http(), site.uri("/live/t/" + topic + "?after=1"),
                "Accept-Encoding", "gzip");
             SseClient author = ada.events("/live/t/" + topic + "?after=1")) {
            assertEquals(200, visitor.status());
            assertTrue(visitor.header("content-type").startsWith("text/event-stream"));
            assertNotEquals("gzip", visitor.header("content-encoding"), "events are never held back to compress");
            assertEquals("connected", visitor.nextComment(SECOND));

            HttpResponse<String> reply = bo.submit(path(topic), path(topic) + "/reply",
                    Map.of("body", "Hazel, definitely: it lasts **years**."));
            assertEquals(303, reply.statusCode(), reply.body());
            long posted = System.nanoTime();

            SseClient.Event event = visitor.next("post", SECOND);
            assertTrue(Duration.ofNanos(System.nanoTime() - posted).compareTo(SECOND) < 0);
            assertTrue(event.data().startsWith("<li class=\"post\" id=\"post-2\">"), event.data());
            assertTrue(event.data().contains("<strong>years</strong>"), "the rendered post");
            assertTrue(event.data().contains("\n"), "a multi-line fragment arrives whole");
            assertFalse(event.data().contains("/like\""), "visitors get no like button");

            String mine = author.next("post", SECOND).data();
            assertTrue(mine.contains("/p/") && mine.contains("/like\""), "members may like it");
            assertTrue(mine.contains(ada.cookie("hearth_csrf").orElseThrow().getValue()), "with their own token");
        }

        // A stream that connects later catches up on what its page missed, once.
        try (SseClient late = SseClient.open(site.http(), site.uri("/live/t/" + topic + "?after=1"))) {
            assertTrue(late.next("post", SECOND).data().contains("id=\"post-2\""));
            assertFalse(late.receives("post", Duration.ofMillis(300)));
        }
    }

    @Test
    void aReplyWrittenOnAnotherNodeReachesThisOne() throws Exception {
        member("Cleo");
        long topic = topic("Cleo", garden, "Compost bins");
        try (SseClient visitor = SseClient.open(site.http(), site.uri("/live/t/" + topic + "?after=1"))) {
            assertEquals(200, visitor.status());
            long cleo = id("Cleo");
            node.transaction(tx -> node.discussions().reply(tx, cleo, topic, "Three bins, turned monthly."));
            assertTrue(visitor.next("post", Duration.ofSeconds(2)).data().contains("Three bins"));
        }
    }

    @Test
    void newTopicsAreCountedForThoseWhoMaySeeThem() throws Exception {
        Browser dara = member("Dara");
        String latest = site.get("/latest").body();
        Matcher since = Pattern.compile("sse-connect=\"/live/topics\\?since=(\\d+)\"").matcher(latest);
        assertTrue(since.find(), latest);
        assertTrue(latest.contains("sse-swap=\"new-topics\""), "the banner's place");
        assertTrue(site.get("/").body().contains("sse-connect=\"/live/topics?since=" + since.group(1) + "\""));
        assertTrue(site.get("/c/garden").body().contains("&amp;category=" + garden + "\""));

        try (SseClient visitor = SseClient.open(site.http(), site.uri("/live/topics?since=" + since.group(1)));
             SseClient staff = admin.events("/live/topics?since=" + since.group(1));
             SseClient staffRoomOnly = admin.events("/live/topics?category=" + staffRoom)) {
            topic("Founder", staffRoom, "Rota for spring");
            assertTrue(staff.next("new-topics", SECOND).data().contains("1 new topic"));
            assertTrue(staffRoomOnly.next("new-topics", SECOND).data().contains("1 new topic"));
            assertFalse(visitor.receives("new-topics", Duration.ofMillis(500)), "visitors may not see the staff room");

            HttpResponse<String> started = dara.submit("/new-topic", "/new-topic", Map.of("categoryId",
                    String.valueOf(garden), "title", "Slugs in the lettuce", "body", "Beer traps or copper tape?"));
            assertEquals(303, started.statusCode(), started.body());
            String banner = visitor.next("new-topics", SECOND).data();
            assertTrue(banner.contains("1 new topic") && banner.contains("href=\"\""), banner);
            assertTrue(staff.next("new-topics", SECOND).data().contains("2 new topics"));
            assertFalse(staffRoomOnly.receives("new-topics", Duration.ofMillis(300)), "not in the staff room");
        }
        // Connecting after topics were started counts them at once.
        try (SseClient late = SseClient.open(site.http(), site.uri("/live/topics?since=" + since.group(1)))) {
            assertTrue(late.next("new-topics", SECOND).data().contains("1 new topic"));
        }
        assertEquals(400, site.get("/live/topics?since=soon").statusCode());
    }

    @Test
    void theBadgeFollowsNotifications() throws Exception {
        Browser eve = member("Eve");
        Browser finn = member("Finn");
        long topic = topic("Eve", garden, "Rhubarb forcing");
        assertTrue(eve.get("/").body().contains("class=\"notifications-link\"><span data-sse-swap=\"badge\">"));
        assertTrue(eve.get("/notifications").body().contains("sse-connect=\"/live/me\""));
        try (SseClient badge = eve.events("/live/me")) {
            assertEquals(200, badge.status());
            assertEquals(303, finn.submit(path(topic), path(topic) + "/reply",
                    Map.of("body", "Cover it with a bucket in January.")).statusCode());
            String unread = badge.next("badge", SECOND).data();
            assertTrue(unread.contains("unread-count\">1<span class=\"visually-hidden\"> unread</span>"), unread);

            assertEquals(303, eve.submit("/notifications", "/notifications/read", Map.of()).statusCode());
            String read = badge.next("badge", SECOND).data();
            assertTrue(read.contains("Notifications") && !read.contains("unread-count"), read);
        }
        assertNotEquals(200, site.get("/live/me").statusCode(), "visitors have no badge");
    }

    @Test
    void aTopicOnlyStaffMaySeeIsRefused() throws Exception {
        member("Gus");
        Browser gus = Members.logIn(site, "Gus");
        long hidden = topic("Founder", staffRoom, "Budget for seeds");
        assertEquals(404, site.get("/live/t/" + hidden).statusCode());
        try (SseClient refused = gus.events("/live/t/" + hidden)) {
            assertEquals(404, refused.status());
        }
        try (SseClient allowed = admin.events("/live/t/" + hidden)) {
            assertEquals(200, allowed.status());
        }
        assertEquals(404, site.get("/live/topics?category=" + staffRoom).statusCode());
        assertEquals(404, site.get("/live/t/999999").statusCode());
    }

    @Test
    void aMemberMayHoldOnlySoManyStreams() throws Exception {
        Browser hal = member("Hal");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < LiveHub.Limits.DEFAULT.perMember(); i++) {
                open.add(hal.events("/live/me"));
                assertEquals(200, open.getLast().status());
            }
            try (SseClient oneTooMany = hal.events("/live/me")) {
                assertEquals(429, oneTooMany.status());
                assertEquals("30", oneTooMany.header("retry-after"));
            }
            open.removeFirst().close();
            eventually("a closed stream frees its place", () -> {
                try (SseClient again = hal.events("/live/me")) {
                    return again.status() == 200;
                }
            });
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void openStreamsDoNotHoldUpStopping() throws Exception {
        try (TestSite other = TestSite.start(dataDir.resolve("other"), "--no-demo")) {
            SseClient visitor = SseClient.open(other.http(), other.uri("/live/topics"));
            assertEquals(200, visitor.status());
            long stopping = System.nanoTime();
            other.stop();
            assertTrue(Duration.ofNanos(System.nanoTime() - stopping).compareTo(Duration.ofSeconds(4)) < 0,
                    "not the whole shutdown timeout (5 s)");
            assertTrue(visitor.ends(SECOND), "the stream ends, so the browser reconnects");
        }
    }

    @Test
    void moreTopicsLoadsTheNextPageInPlace() throws Exception {
        member("Ivy");
        long ivy = id("Ivy");
        assertEquals(303, admin.submit("/admin/categories", "/admin/categories", Map.of("name", "Patch",
                "description", "", "color", "#336699", "parentId", "0")).statusCode());
        long patch = Sql.number(site.database(), "SELECT id FROM categories WHERE name = 'Patch'");
        for (int i = 1; i <= 35; i++) {
            String title = "Patch topic " + i;
            node.transaction(tx -> node.discussions().startTopic(tx, ivy, patch, title, "About " + title + "."));
        }
        String first = site.get("/c/patch").body();
        Matcher more = Pattern.compile("<li class=\"more\"><a rel=\"next\" href=\"([^\"]+)\" data-hx-get=\"([^\"]+)\""
                + " data-hx-select=\"\\.topic-list > li\" data-hx-target=\"closest li\" data-hx-swap=\"outerHTML\">More topics</a></li>")
                .matcher(first);
        assertTrue(more.find(), first);
        assertEquals(more.group(1), more.group(2), "the same page with and without htmx");
        HttpResponse<String> next = site.get(more.group(1).replace("&amp;", "&"), "HX-Request", "true");
        assertEquals(200, next.statusCode());
        assertTrue(next.body().contains(">Patch topic 5<") && !next.body().contains(">Patch topic 6<"));
        assertFalse(next.body().contains("class=\"more\""), "the last page has no More topics");
    }
}
