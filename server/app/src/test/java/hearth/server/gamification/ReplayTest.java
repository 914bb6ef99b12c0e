package hearth.server.gamification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SettableClock;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on a generated history: six members post, reply, like and unlike, accept answers, delete replies and visit
 * over eight days (seeded, so every run is the same), with caps tight enough to bind and admins granting and revoking
 * badges by hand. Recomputing from the journal gives exactly the ledger, totals, day totals and badges live awarding
 * gave; changed rules apply to the whole history and changing them back gives the original again; a new season
 * keeps all of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest {

    static final SettableClock CLOCK = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final List<String> NAMES = List.of("Ava", "Ben", "Cal", "Dee", "Eli", "Fin");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Gaming fx;
    static Browser admin;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(dataDir, CLOCK);
        fx = new Gaming(site, CLOCK);
        Members.member(site, "Replayer", "admin");
        admin = Gaming.remembered(site, "Replayer");
        fx.enable(admin);
        fx.settings(admin, new JsonObject().put("cap-reply", 2).put("cap-like-given", 1).put("daily-cap", 8)
                .put("like-pair-cap", 1));
        fx.replay(admin); // the demo community's history, awarded as the plugin was enabled, under these rules too
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** A post as the generator remembers it. */
    record Post(long id, long topicId, String author, boolean opening) {
    }

    @Test
    @Order(1)
    void replayingTheJournalGivesExactlyWhatLiveAwardingGave() throws Exception {
        Map<String, Browser> members = new HashMap<>();
        for (String name : NAMES) {
            members.put(name, Gaming.member(site, name));
        }
        Random random = new Random(20261207);
        List<Post> posts = new ArrayList<>();
        Set<String> likes = new HashSet<>();
        for (int day = 0; day < 8; day++) {
            CLOCK.advance(Duration.ofHours(20));
            for (int step = 0; step < 12; step++) {
                CLOCK.advance(Duration.ofMinutes(1 + random.nextInt(40)));
                String name = NAMES.get(random.nextInt(NAMES.size()));
                Browser who = members.get(name);
                int action = random.nextInt(10);
                if (action < 2 || posts.isEmpty()) {
                    long topic = fx.topic(who, random.nextBoolean() ? "General" : "Help & Support",
                            "Question " + day + "-" + step + " from " + name);
                    posts.add(new Post(fx.opening(topic), topic, name, true));
                } else if (action < 5) {
                    Post in = posts.get(random.nextInt(posts.size()));
                    posts.add(new Post(fx.reply(who, in.topicId(), "A reply by " + name + " on day " + day
                            + ", step " + step + "."), in.topicId(), name, false));
                } else if (action < 7) {
                    Post post = posts.get(random.nextInt(posts.size()));
                    if (!post.author().equals(name)) {
                        boolean liked = likes.add(name + ":" + post.id()) || !likes.remove(name + ":" + post.id());
                        fx.liked(who, post.id(), liked);
                    }
                } else if (action == 7) {
                    who.get("/latest");
                } else if (action == 8) {
                    posts.stream().filter(p -> p.author().equals(name) && !p.opening()).findFirst().ifPresent(p -> {
                        assertEquals(200, who.json("DELETE", "/api/v1/posts/" + p.id(), null).statusCode());
                        posts.remove(p);
                    });
                } else {
                    accept(who, name, posts);
                }
            }
            if (day == 3) {
                assertEquals(200, admin.json("POST", Gaming.API + "/badges/streak-30/grant",
                        "{\"member\": \"Ava\", \"reason\": \"Here since the start\"}").statusCode());
            }
            if (day == 6) {
                fx.settle();
                HttpResponse<String> revoked = admin.json("POST", Gaming.API + "/badges/first-post/revoke",
                        "{\"member\": \"Ben\", \"reason\": \"Copied posts\"}");
                assertEquals(200, revoked.statusCode(), revoked.body());
            }
        }
        fx.settleAfterVisits();

        assertTrue(fx.number("SELECT COUNT(*) FROM gamification_ledger WHERE points = 0 AND units = 1") > 0,
                "the history hits the caps");
        assertTrue(fx.number("SELECT COUNT(*) FROM gamification_ledger WHERE kind = 'removed'") > 0, "deletions");
        assertTrue(fx.number("SELECT COUNT(*) FROM gamification_ledger WHERE kind = 'withdrawn'") > 0, "unlikes");
        assertTrue(fx.number("SELECT COUNT(*) FROM gamification_ledger WHERE action = 'accepted-answer'") > 0);
        assertTrue(fx.number("SELECT COUNT(*) FROM gamification_ledger WHERE action = 'visit'") > 0);
        String live = fx.snapshot();
        long facts = fx.number("SELECT COUNT(*) FROM gamification_facts");
        assertTrue(facts > 100, "facts: " + facts);
        assertEquals(facts, fx.replay(admin), "every fact, the demo community's included");
        Gaming.assertSameSnapshot(live, fx.snapshot());
        assertTrue(fx.badges("Ava").contains("streak-30"), "a grant by hand survives a replay");
        assertTrue(!fx.badges("Ben").contains("first-post"), "and so does a revocation");
    }

    /** The member accepts a reply by someone else in one of their topics, if there is one. */
    private void accept(Browser who, String name, List<Post> posts) {
        for (Post opening : posts) {
            if (opening.opening() && opening.author().equals(name)) {
                for (Post reply : posts) {
                    if (reply.topicId() == opening.topicId() && !reply.opening() && !reply.author().equals(name)) {
                        Sql.change(site.database(), "UPDATE topics SET kind = 'question' WHERE id = ?",
                                opening.topicId());
                        HttpResponse<String> accepted = who.json("POST", "/api/v1/posts/" + reply.id() + "/accept",
                                "{}");
                        assertEquals(200, accepted.statusCode(), accepted.body());
                        return;
                    }
                }
            }
        }
    }

    @Test
    @Order(2)
    void changedRulesApplyToTheWholeHistoryAndChangingThemBackGivesTheOriginal() throws Exception {
        String original = fx.snapshot();
        fx.settings(admin, new JsonObject().put("points-reply", 7).put("cap-reply", 0).put("daily-cap", 0));
        fx.replay(admin);
        assertNotEquals(original, fx.snapshot());
        assertEquals(0, fx.number("SELECT COUNT(*) FROM gamification_ledger WHERE action = 'reply' AND kind ="
                + " 'earned' AND points <> 7"), "every reply ever is worth 7 now, uncapped");
        assertEquals(fx.number("SELECT SUM(points) FROM gamification_ledger"),
                fx.number("SELECT SUM(points) FROM gamification_members"), "totals agree with the ledger");
        assertEquals(fx.number("SELECT SUM(points) FROM gamification_ledger"),
                fx.number("SELECT SUM(points) FROM gamification_daily"), "day totals agree with the ledger");

        fx.settings(admin, new JsonObject().put("points-reply", 2).put("cap-reply", 2).put("daily-cap", 8));
        fx.replay(admin);
        Gaming.assertSameSnapshot(original, fx.snapshot());
    }

    @Test
    @Order(3)
    void aNewSeasonStartsFromZeroAndKeepsHistory() throws Exception {
        CLOCK.advance(Duration.ofDays(1));
        List<String> allTime = fx.board("period=all");
        long ledger = fx.number("SELECT COUNT(*) FROM gamification_ledger");
        assertEquals(201, admin.json("POST", Gaming.API + "/seasons", "{\"name\": \"Spring\"}").statusCode());
        HttpResponse<String> unnamed = admin.json("POST", Gaming.API + "/seasons", "{\"name\": \" \"}");
        assertEquals("name", new JsonObject(unnamed.body()).getString("field"));
        assertEquals(List.of(), fx.board("period=season"));
        assertEquals(allTime, fx.board("period=all"));
        assertEquals(ledger, fx.number("SELECT COUNT(*) FROM gamification_ledger"));
        fx.reply(Gaming.remembered(site, "Cal"), fx.number("SELECT MIN(id) FROM topics WHERE title LIKE 'Question%'"),
                "The first reply of the new season.");
        fx.settle();
        assertEquals(List.of("Cal 2 1"), fx.board("period=season"));
    }
}
