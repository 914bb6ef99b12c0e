package hearth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.bench.generate.CommunityGenerator;
import hearth.bench.generate.Size;
import hearth.server.Hearth;
import hearth.server.accounts.Passwords;
import hearth.server.config.ConfigLoader;
import hearth.server.db.Database;
import hearth.server.discussions.Markdown;
import hearth.server.testing.Browser;
import hearth.server.testing.Eventually;
import hearth.server.testing.Sql;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator writes what the application writes: a site started on a generated community serves it, takes new
 * posts and sign-ins, and its derived data (counters, numbering, journal, listener cursors) agrees with the rows.
 */
class CommunityGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String HASH_OF_BENCH_PASSWORD = new Passwords(Passwords.Argon2Params.OWASP,
            new SecureRandom()).hash(CommunityGenerator.PASSWORD.toCharArray());

    @TempDir
    Path dir;

    @Test
    void aGeneratedCommunityIsConsistentAndServed() throws Exception {
        try (TestDatabase database = TestDatabase.fresh(dir)) {
            CommunityGenerator.Summary summary = generate(database, dir, 7);
            assertEquals(Size.TINY.posts(), summary.posts());

            // Counters and numbering agree with the posts; nothing is left for the core listeners to replay.
            assertEquals(0, Sql.number(database, "SELECT COUNT(*) FROM topics t WHERE t.reply_count + 1 <> "
                    + "(SELECT COUNT(*) FROM posts p WHERE p.topic_id = t.id)"));
            assertEquals(0, Sql.number(database, "SELECT COUNT(*) FROM topics t WHERE t.last_posted_at <> "
                    + "(SELECT MAX(p.created_at) FROM posts p WHERE p.topic_id = t.id)"));
            assertEquals(0, Sql.number(database, "SELECT COUNT(*) FROM topics t WHERE "
                    + "(SELECT MAX(p.post_number) FROM posts p WHERE p.topic_id = t.id) <> t.reply_count + 1"));
            assertEquals(summary.posts(), Sql.number(database,
                    "SELECT COUNT(*) FROM journal WHERE event_type LIKE '%PostCreated'"));
            assertEquals(summary.likes(), Sql.number(database, "SELECT COUNT(*) FROM post_likes"));
            assertEquals(0, Sql.number(database, "SELECT COUNT(*) FROM events e WHERE e.capacity IS NOT NULL AND "
                    + "e.seats_taken > e.capacity"));
            assertEquals(0, Sql.number(database, "SELECT COUNT(*) FROM events e WHERE e.seats_taken <> (SELECT "
                    + "COALESCE(SUM(1 + r.guests), 0) FROM event_rsvps r WHERE r.event_id = e.id AND r.status = 'going')"));
            long head = Sql.number(database, "SELECT last_position FROM journal_head");
            assertEquals(CommunityGenerator.CORE_LISTENERS.size(), Sql.number(database,
                    "SELECT COUNT(*) FROM journal_cursors WHERE position = " + head));

            try (TestSite site = TestSite.startOn(dir, database.flags(), "--no-demo")) {
                String topic = Sql.value(database, "SELECT CONCAT('/t/', slug, '/', id) FROM topics "
                        + "WHERE reply_count >= 20 ORDER BY id LIMIT 1");
                HttpResponse<String> page = site.get(topic);
                assertEquals(200, page.statusCode());
                String firstPost = Sql.value(database, "SELECT body_html FROM posts WHERE topic_id = "
                        + topic.substring(topic.lastIndexOf('/') + 1) + " AND post_number = 2");
                assertTrue(page.body().contains(firstPost.substring(0, Math.min(40, firstPost.length()))),
                        "the topic page shows its replies");

                // The generated events are the events feature's: listed, shown, with their calendar file.
                assertEquals(200, site.get("/events/past").statusCode());
                HttpResponse<String> event = site.get("/events/1");
                assertEquals(200, event.statusCode(), event.body());
                assertTrue(event.body().contains("Meetup #1"), "the event page shows the generated event");
                assertEquals(200, site.get("/events/1.ics").statusCode());

                // Every generated member signs in with the bench password, and new rows get new ids.
                Browser member = new Browser(site);
                HttpResponse<String> signedIn = member.submit("/login", "/login",
                        Map.of("identifier", "kwame_1", "password", CommunityGenerator.PASSWORD));
                assertEquals(303, signedIn.statusCode(), signedIn.body());
                HttpResponse<String> reply = member.json("POST", "/api/v1/topics/"
                        + topic.substring(topic.lastIndexOf('/') + 1) + "/posts",
                        "{\"body\":\"A reply after the generated history.\"}");
                assertEquals(201, reply.statusCode(), reply.body());
                assertTrue(reply.body().contains("\"id\":" + (summary.posts() + 1)), reply.body());

                // The core's listeners had nothing to replay: no welcome messages or notifications for history.
                // The bundled plugins do replay the whole generated history on their first start, one entry per
                // transaction: about 6 ms an entry on MariaDB, 20 s or more for this community.
                Eventually.eventually("the journal's listeners are caught up", java.time.Duration.ofSeconds(90),
                        () -> site.get("/health").body().contains("\"behind\":0"));
                assertEquals(0, Sql.number(database, "SELECT COUNT(*) FROM welcomes_sent"));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameCommunity() throws Exception {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Path runDir = dir.resolve("run" + run);
            try (TestDatabase database = TestDatabase.fresh(runDir)) {
                generate(database, runDir, 11);
                runs.add(List.of(
                        Sql.value(database, "SELECT COUNT(*) FROM post_likes"),
                        Sql.value(database, "SELECT SUM(LENGTH(body_markdown)) FROM posts"),
                        Sql.value(database, "SELECT body_markdown FROM posts WHERE id = 777"),
                        Sql.value(database, "SELECT CONCAT(title, '|', author_id, '|', reply_count) FROM topics "
                                + "WHERE id = 42"),
                        Sql.value(database, "SELECT COUNT(*) FROM event_rsvps")));
            }
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    private static CommunityGenerator.Summary generate(TestDatabase database, Path dataDir, long seed) {
        List<String> flags = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        flags.addAll(database.flags());
        Vertx vertx = Vertx.vertx();
        try (Database db = Hearth.openDatabase(ConfigLoader.load(flags, Map.of()), vertx, Clock.systemUTC())) {
            return new CommunityGenerator(db, new Markdown(), line -> { })
                    .generate(Size.TINY, seed, NOW, HASH_OF_BENCH_PASSWORD);
        } finally {
            vertx.close().await();
        }
    }
}
