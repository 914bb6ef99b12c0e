package hearth.bench.load;

import static hearth.server.db.schema.tables.ApiKeys.API_KEYS;
import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.server.accounts.ApiKeys;
import hearth.server.accounts.Tokens;
import hearth.server.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scenarios request, read from the generated database before the server starts (H2 allows one process at a
 * time): the paths of 20-reply topic pages, categories, profiles and searches, and API keys for posting members.
 */
record Fixtures(Path topicPages, Path topicJson, Path categories, Path profiles, Path searches, Path replyTargets,
                Path apiKeys, long liveTopic, String memberUsername) {

    private static final List<String> QUERIES = List.of("venue", "backup restore", "plugin", "docker compose",
            "latency", "welcome newcomer", "slides recording", "database index", "theme", "volunteer");

    static Fixtures prepare(Database db, Path dir, int postingMembers) throws IOException {
        Files.createDirectories(dir);
        // 20 replies or more: the first page shows 20 posts, as the NodeBB figure it is compared with.
        List<Long> topics = db.query(sql -> sql.select(TOPICS.ID).from(TOPICS)
                .where(TOPICS.REPLY_COUNT.between(20, 39), TOPICS.CATEGORY_ID.isNotNull(), TOPICS.DELETED_AT.isNull())
                .orderBy(TOPICS.ID).limit(200).fetch(TOPICS.ID));
        if (topics.isEmpty()) {
            throw new IllegalStateException("no topic with 20 to 39 replies; generate a bigger community");
        }
        List<String> pages = db.query(sql -> sql.select(TOPICS.SLUG, TOPICS.ID).from(TOPICS)
                .where(TOPICS.ID.in(topics)).fetch(r -> "/t/" + r.value1() + "/" + r.value2()));
        Path topicPages = write(dir.resolve("topic-pages.txt"), pages);
        Path topicJson = write(dir.resolve("topic-json.txt"), topics.stream().map(id -> "/api/v1/topics/" + id)
                .toList());
        Path replyTargets = write(dir.resolve("reply-targets.txt"), topics.stream()
                .map(id -> "/api/v1/topics/" + id + "/posts").toList());
        Path categories = write(dir.resolve("categories.txt"), db.query(sql -> sql.select(CATEGORIES.SLUG)
                .from(CATEGORIES).orderBy(CATEGORIES.POSITION).fetch(r -> "/c/" + r.value1())));
        // The busiest members' profiles: the ones people look at.
        var posts = hearth.server.db.schema.tables.Posts.POSTS;
        List<String> busiest = db.query(sql -> sql.select(MEMBERS.USERNAME).from(MEMBERS)
                .join(posts).on(posts.AUTHOR_ID.eq(MEMBERS.ID))
                .where(MEMBERS.ROLE.eq("member"))
                .groupBy(MEMBERS.ID, MEMBERS.USERNAME).orderBy(org.jooq.impl.DSL.count().desc()).limit(200)
                .fetch(MEMBERS.USERNAME));
        Path profiles = write(dir.resolve("profiles.txt"), busiest.stream().map(u -> "/u/" + u).toList());
        Path searches = write(dir.resolve("searches.txt"), QUERIES.stream()
                .map(q -> "/search?q=" + q.replace(' ', '+')).toList());
        Path keys = dir.resolve("api-keys.txt");
        if (!Files.exists(keys)) {
            write(keys, apiKeys(db, postingMembers));
        }
        return new Fixtures(topicPages, topicJson, categories, profiles, searches, replyTargets, keys,
                topics.getFirst(), busiest.getFirst());
    }

    /** Write-scope API keys for the first members (not the admin), stored hashed as the site stores them. */
    private static List<String> apiKeys(Database db, int members) {
        Tokens tokens = new Tokens(new SecureRandom());
        return db.transaction(tx -> {
            List<Long> ids = tx.sql().select(MEMBERS.ID).from(MEMBERS).where(MEMBERS.ROLE.ne("admin"))
                    .orderBy(MEMBERS.ID).limit(members).fetch(MEMBERS.ID);
            List<String> keys = new ArrayList<>();
            var insert = tx.sql().insertInto(API_KEYS, API_KEYS.MEMBER_ID, API_KEYS.NAME, API_KEYS.TOKEN_HASH,
                    API_KEYS.SCOPE, API_KEYS.CREATED_AT);
            for (long id : ids) {
                String key = ApiKeys.PREFIX + tokens.next();
                keys.add(key);
                insert = insert.values(id, "bench", Tokens.hash(key), "write", Instant.now());
                if (keys.size() % 1_000 == 0) {
                    insert.execute();
                    insert = tx.sql().insertInto(API_KEYS, API_KEYS.MEMBER_ID, API_KEYS.NAME, API_KEYS.TOKEN_HASH,
                            API_KEYS.SCOPE, API_KEYS.CREATED_AT);
                }
            }
            if (keys.size() % 1_000 != 0) {
                insert.execute();
            }
            return keys;
        });
    }

    private static Path write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
        return file;
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
