package hearth.bench.generate;

import static hearth.server.db.schema.tables.Bookmarks.BOOKMARKS;
import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.JournalCursors.JOURNAL_CURSORS;
import static hearth.server.db.schema.tables.JournalHead.JOURNAL_HEAD;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.PostLikes.POST_LIKES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Tags.TAGS;
import static hearth.server.db.schema.tables.TopicReads.TOPIC_READS;
import static hearth.server.db.schema.tables.TopicTags.TOPIC_TAGS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.events.CategoryChanged;
import hearth.api.events.EventCreated;
import hearth.api.events.MemberJoined;
import hearth.api.events.PostCreated;
import hearth.api.events.PostLiked;
import hearth.api.events.RsvpChanged;
import hearth.api.events.TopicCreated;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import hearth.server.live.LiveHub;
import hearth.server.messages.MessageNotifier;
import hearth.server.messages.WelcomeMessages;
import hearth.server.notifications.AnswerNotifier;
import hearth.server.notifications.LikeNotifier;
import hearth.server.notifications.ReplyNotifier;
import hearth.server.uploads.DeletedMemberUploads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.jooq.Table;

/**
 * Fills an empty Hearth database with a believable community, deterministically from a seed: the rows the
 * application writes, with the domain events it journals, in bulk (multi-row inserts, a few thousand rows per
 * transaction). The core's own journal listeners (notifications, welcome messages) are marked as caught up, as on a
 * site where that history's notifications were long read; a plugin installed later replays the whole journal, so
 * search and gamification see every post.
 */
public final class CommunityGenerator {

    /** Every bench member's password, so the load scenarios can sign in as anyone. */
    public static final String PASSWORD = "bench-password";
    public static final String ADMIN = "bench_admin";
    static final String EVENTS_CATEGORY = "events-meetups";

    /** The core's journal listeners; {@code CoreListenersTest} fails when one is missing here. */
    public static final List<String> CORE_LISTENERS = List.of(ReplyNotifier.ID, LikeNotifier.ID, AnswerNotifier.ID,
            MessageNotifier.ID, WelcomeMessages.ID, DeletedMemberUploads.ID, LiveHub.ID);

    private static final int PER_TRANSACTION = 2_000;
    private static final List<String> FIRST = List.of("ada", "kwame", "ines", "liwei", "sofia", "tomas", "maya",
            "noah", "amara", "yuki", "omar", "lena", "diego", "priya", "jonas", "fatima", "erik", "zara", "mateo", "aiko");
    private static final List<String> LAST = List.of("Okafor", "Rivera", "Carvalho", "Mensah", "Lindqvist", "Nakamura",
            "Haddad", "Kowalski", "Singh", "Moreau", "Adeyemi", "Costa", "Berg", "Fischer", "Tanaka", "Novak");
    private static final List<String> CATEGORY_NAMES = List.of("General", "Help", "Announcements", "Events & meetups",
            "Show and tell", "Ideas", "Off-topic", "Introductions", "Hosting", "Plugins", "Themes", "Mobile",
            "Security", "Performance", "Translations", "Jobs", "Feedback", "Community", "Learning", "Design", "Data",
            "Integrations", "Local groups", "Archive");
    private static final List<String> TAGS_LIST = List.of("docker", "mariadb", "h2", "backup", "upgrade", "plugin",
            "theme", "email", "sso", "api", "search", "analytics", "mobile", "accessibility", "i18n", "performance",
            "security", "moderation", "events", "onboarding", "beginner", "advanced", "howto", "bug", "feature",
            "question", "meta", "release", "showcase", "meetup");

    private final Database db;
    private final Markdown markdown;
    private final Consumer<String> progress;

    public CommunityGenerator(Database db, Markdown markdown, Consumer<String> progress) {
        this.db = db;
        this.markdown = markdown;
        this.progress = progress;
    }

    /** What was generated, for the report. */
    public record Summary(Size size, long seed, int members, int categories, int topics, int posts, long likes,
                          long bookmarks, long reads, int events, long rsvps, long journalEntries, long millis) {

        public String toJson() {
            return String.format(Locale.ROOT, "{\"size\":\"%s\",\"seed\":%d,\"members\":%d,\"categories\":%d,"
                            + "\"topics\":%d,\"posts\":%d,\"likes\":%d,\"bookmarks\":%d,\"reads\":%d,\"events\":%d,"
                            + "\"rsvps\":%d,\"journal\":%d,\"seconds\":%.1f}",
                    size.name().toLowerCase(Locale.ROOT), seed, members, categories, topics, posts, likes, bookmarks,
                    reads, events, rsvps, journalEntries, millis / 1000.0);
        }
    }

    public Summary generate(Size size, long seed, Instant now, String passwordHash) {
        long began = System.nanoTime();
        boolean empty = db.query(sql -> sql.fetchCount(MEMBERS) == 0 && sql.fetchCount(CATEGORIES) == 0);
        if (!empty) {
            throw new IllegalStateException("the database already has members or categories; generate into an empty "
                    + "one (start the site with --no-demo, or use a new data directory / database)");
        }
        CommunityPlan plan = new CommunityPlan(size, seed, now);
        progress.accept("planned " + size.posts + " posts in " + size.topics + " topics");
        List<String> usernames = members(plan, passwordHash, now);
        categories(plan);
        int events = topics(plan, new SplittableRandom(seed + 1), usernames);
        posts(plan, seed, usernames);
        long likes = likes(plan, new SplittableRandom(seed + 2));
        long bookmarks = bookmarks(plan, new SplittableRandom(seed + 3));
        long reads = reads(plan, new SplittableRandom(seed + 4));
        long rsvps = events(plan, new SplittableRandom(seed + 5), events, usernames);
        finish();
        long journal = db.query(sql -> sql.select(JOURNAL_HEAD.LAST_POSITION).from(JOURNAL_HEAD).fetchSingle().value1());
        return new Summary(size, seed, size.members, size.categories, size.topics, size.posts, likes, bookmarks, reads,
                events, rsvps, journal, (System.nanoTime() - began) / 1_000_000);
    }

    private List<String> members(CommunityPlan plan, String passwordHash, Instant now) {
        SplittableRandom random = new SplittableRandom(plan.size.members * 31L);
        List<String> usernames = new ArrayList<>(plan.size.members);
        Rows rows = new Rows(MEMBERS, MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.USERNAME_KEY, MEMBERS.EMAIL,
                MEMBERS.EMAIL_KEY, MEMBERS.DISPLAY_NAME, MEMBERS.ROLE, MEMBERS.CREATED_AT, MEMBERS.PASSWORD_HASH,
                MEMBERS.EMAIL_VERIFIED_AT, MEMBERS.TERMS_ACCEPTED_AT, MEMBERS.LAST_SEEN_AT);
        inChunks(plan.size.members, (tx, m) -> {
            String first = FIRST.get(m % FIRST.size());
            String username = m == 0 ? ADMIN : first + "_" + m;
            usernames.add(username);
            String role = m == 0 ? "admin" : m <= Math.max(2, plan.size.members / 2_500) ? "moderator" : "member";
            long joinedAt = plan.start.toEpochMilli() + (long) ((plan.end.toEpochMilli() - plan.start.toEpochMilli())
                    * random.nextDouble());
            Instant joined = Instant.ofEpochMilli(Math.min(joinedAt, plan.firstActivity[m] - 3_600_000L));
            String email = username + "@bench.invalid";
            rows.add(m + 1L, username, username.toLowerCase(Locale.ROOT), email, email,
                    Character.toUpperCase(first.charAt(0)) + first.substring(1) + " " + LAST.get(m % LAST.size()),
                    role, joined, passwordHash, joined, joined,
                    plan.firstActivity[m] == Long.MAX_VALUE ? joined : now.minusSeconds(random.nextInt(86_400 * 30)));
            tx.record(new MemberJoined(m + 1L, username));
        }, rows);
        progress.accept("members: " + rows.written());
        return usernames;
    }

    private void categories(CommunityPlan plan) {
        Rows rows = new Rows(CATEGORIES, CATEGORIES.ID, CATEGORIES.PARENT_ID, CATEGORIES.SLUG, CATEGORIES.NAME,
                CATEGORIES.DESCRIPTION, CATEGORIES.COLOR, CATEGORIES.POSITION, CATEGORIES.CREATED_AT);
        Rows tags = new Rows(TAGS, TAGS.ID, TAGS.NAME, TAGS.DESCRIPTION, TAGS.CREATED_AT);
        db.transaction(tx -> {
            for (int c = 0; c < plan.size.categories; c++) {
                String name = categoryName(c);
                // A few subcategories under the first categories (nesting is one level deep).
                Long parent = c >= 8 && c % 3 == 0 ? (long) (c % 4) + 1 : null;
                rows.add(c + 1L, parent, Discussions.slug(name), name, "All about " + name.toLowerCase(Locale.ROOT) + ".",
                        String.format("#%06x", (c * 0x3a5f7d) & 0xffffff), c, plan.start);
                tx.record(new CategoryChanged(c + 1L, name, true));
            }
            rows.flush(tx.sql());
            for (int t = 0; t < TAGS_LIST.size(); t++) {
                tags.add(t + 1L, TAGS_LIST.get(t), "", plan.start);
            }
            tags.flush(tx.sql());
            return null;
        });
    }

    private static String categoryName(int c) {
        return c < CATEGORY_NAMES.size() ? CATEGORY_NAMES.get(c) : "Category " + (c + 1);
    }

    /** Writes the topics with their final counts; returns how many of them are events' topics. */
    private int topics(CommunityPlan plan, SplittableRandom random, List<String> usernames) {
        Prose prose = new Prose(usernames);
        int eventsCategory = CATEGORY_NAMES.indexOf("Events & meetups");
        int helpCategory = CATEGORY_NAMES.indexOf("Help");
        Rows rows = new Rows(TOPICS, TOPICS.ID, TOPICS.CATEGORY_ID, TOPICS.AUTHOR_ID, TOPICS.TITLE, TOPICS.SLUG,
                TOPICS.REPLY_COUNT, TOPICS.CREATED_AT, TOPICS.LAST_POSTED_AT, TOPICS.PINNED, TOPICS.VIEW_COUNT,
                TOPICS.KIND);
        Rows tagRows = new Rows(TOPIC_TAGS, TOPIC_TAGS.TOPIC_ID, TOPIC_TAGS.TAG_ID);
        Set<Integer> pinnedCategories = new HashSet<>();
        int[] events = {0};
        inChunks(plan.size.topics, (tx, t) -> {
            int category = plan.topicCategory[t];
            String title = prose.title(random);
            if (category == eventsCategory && events[0] < plan.size.events) {
                events[0]++;
                title = "Meetup #" + events[0] + ": " + title;
            }
            // The oldest topic of each category is pinned there; the very first one site-wide.
            String pinned = t == 0 ? "site" : pinnedCategories.add(category) ? "category" : "none";
            rows.add(t + 1L, category + 1L, plan.topicAuthor[t] + 1L, title, Discussions.slug(title),
                    plan.topicPosts[t] - 1, Instant.ofEpochMilli(plan.topicCreated[t]),
                    Instant.ofEpochMilli(plan.topicLastPosted[t]), pinned,
                    plan.topicPosts[t] * (3 + random.nextInt(20)), category == helpCategory ? "question" : "discussion");
            if (random.nextInt(5) < 2) {
                int first = random.nextInt(TAGS_LIST.size());
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    tagRows.add(t + 1L, (long) (first + i) % TAGS_LIST.size() + 1);
                }
            }
            tx.record(new TopicCreated(t + 1L, category + 1L, plan.topicAuthor[t] + 1L, title));
        }, rows, tagRows);
        progress.accept("topics: " + rows.written());
        return events[0];
    }

    private void posts(CommunityPlan plan, long seed, List<String> usernames) {
        Prose prose = new Prose(usernames);
        Set<String> known = usernames.stream().map(u -> u.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Rows rows = new Rows(POSTS, POSTS.ID, POSTS.TOPIC_ID, POSTS.AUTHOR_ID, POSTS.POST_NUMBER, POSTS.BODY_MARKDOWN,
                POSTS.BODY_HTML, POSTS.CREATED_AT, POSTS.REPLY_TO_POST_ID);
        int[] lastInTopic = new int[plan.size.topics];
        int total = plan.size.posts;
        long began = System.nanoTime();
        for (int from = 0; from < total; from += PER_TRANSACTION) {
            int to = Math.min(total, from + PER_TRANSACTION);
            // Rendering is most of the work: both cores, each post from its own seed, so the output is the same.
            String[][] bodies = IntStream.range(from, to).parallel().mapToObj(p -> {
                String body = prose.body(new SplittableRandom(seed * 1_000_003L + p));
                return new String[] {body, markdown.toHtml(body, names -> intersect(names, known))};
            }).toArray(String[][]::new);
            int chunkFrom = from;
            db.transaction(tx -> {
                for (int p = chunkFrom; p < to; p++) {
                    int topic = plan.postTopic[p];
                    Long replyTo = plan.postNumber[p] > 2 && p % 7 == 0 ? (long) lastInTopic[topic] : null;
                    lastInTopic[topic] = p + 1;
                    String[] body = bodies[p - chunkFrom];
                    rows.add(p + 1L, topic + 1L, plan.postAuthor[p] + 1L, plan.postNumber[p], body[0],
                            body[1], Instant.ofEpochMilli(plan.postTime[p]), replyTo);
                    tx.record(new PostCreated(p + 1L, topic + 1L, plan.postAuthor[p] + 1L, plan.postNumber[p]));
                }
                rows.flush(tx.sql());
                return null;
            });
            if (to % 100_000 < PER_TRANSACTION || to == total) {
                progress.accept(String.format("posts: %,d / %,d (%.0f/s)", to, total,
                        to / ((System.nanoTime() - began) / 1e9)));
            }
        }
    }

    private static Set<String> intersect(Set<String> names, Set<String> known) {
        Set<String> found = new HashSet<>();
        for (String name : names) {
            if (known.contains(name.toLowerCase(Locale.ROOT))) {
                found.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return found;
    }

    /** Likes: most posts get none or one, some many; active members like the most. Returns how many. */
    private long likes(CommunityPlan plan, SplittableRandom random) {
        Rows rows = new Rows(POST_LIKES, POST_LIKES.POST_ID, POST_LIKES.MEMBER_ID, POST_LIKES.CREATED_AT);
        inChunks(plan.size.posts, (tx, p) -> {
            Set<Integer> likers = new HashSet<>();
            while (random.nextInt(100) < 45 && likers.size() < 50) {
                int liker = plan.activity.pick(random);
                if (liker != plan.postAuthor[p] && likers.add(liker)) {
                    rows.add(p + 1L, liker + 1L, Instant.ofEpochMilli(plan.postTime[p] + 60_000));
                    tx.record(new PostLiked(p + 1L, plan.postTopic[p] + 1L, plan.postAuthor[p] + 1L, liker + 1L, true));
                }
            }
        }, rows);
        progress.accept("likes: " + rows.written());
        return rows.written();
    }

    private long bookmarks(CommunityPlan plan, SplittableRandom random) {
        Rows rows = new Rows(BOOKMARKS, BOOKMARKS.MEMBER_ID, BOOKMARKS.POST_ID, BOOKMARKS.NOTE, BOOKMARKS.CREATED_AT);
        Set<Long> taken = new HashSet<>();
        inChunks(plan.size.posts / 100, (tx, i) -> {
            int member = plan.activity.pick(random);
            int post = random.nextInt(plan.size.posts);
            if (taken.add((long) member << 32 | post)) {
                rows.add(member + 1L, post + 1L, random.nextInt(4) == 0 ? "read later" : "",
                        Instant.ofEpochMilli(plan.postTime[post] + 3_600_000));
            }
        }, rows);
        return rows.written();
    }

    /** Read state: active members have read many topics, most of them to the end. */
    private long reads(CommunityPlan plan, SplittableRandom random) {
        Rows rows = new Rows(TOPIC_READS, TOPIC_READS.MEMBER_ID, TOPIC_READS.TOPIC_ID, TOPIC_READS.LAST_READ_NUMBER,
                TOPIC_READS.UPDATED_AT);
        Set<Long> taken = new HashSet<>();
        inChunks(plan.size.posts / 2, (tx, i) -> {
            int member = plan.activity.pick(random);
            int topic = random.nextInt(plan.size.topics);
            if (taken.add((long) member << 32 | topic)) {
                int posts = plan.topicPosts[topic];
                int read = random.nextInt(10) < 7 ? posts : 1 + random.nextInt(posts);
                rows.add(member + 1L, topic + 1L, read, Instant.ofEpochMilli(plan.topicLastPosted[topic]));
            }
        }, rows);
        progress.accept("read states: " + rows.written());
        return rows.written();
    }

    /**
     * The meetup topics become events: starting one to four weeks after their topic, so the newest are upcoming;
     * members answer, the seats fill up to the capacity and the rest wait in line; past events have their
     * check-ins and no-shows. Returns how many answers were written.
     */
    private long events(CommunityPlan plan, SplittableRandom random, int count, List<String> usernames) {
        if (count == 0) {
            return 0;
        }
        int eventsCategory = CATEGORY_NAMES.indexOf("Events & meetups");
        Prose prose = new Prose(usernames);
        Rows rows = new Rows(EVENTS, EVENTS.ID, EVENTS.TOPIC_ID, EVENTS.CATEGORY_ID, EVENTS.HOST_ID, EVENTS.TITLE,
                EVENTS.DESCRIPTION_MARKDOWN, EVENTS.DESCRIPTION_HTML, EVENTS.STARTS_AT, EVENTS.ENDS_AT,
                EVENTS.TIME_ZONE, EVENTS.ONLINE_URL, EVENTS.VENUE, EVENTS.CAPACITY, EVENTS.SEATS_TAKEN,
                EVENTS.GUEST_LIMIT, EVENTS.VISIBILITY, EVENTS.CHECK_IN_CODE, EVENTS.CREATED_AT, EVENTS.UPDATED_AT);
        Rows rsvps = new Rows(EVENT_RSVPS, EVENT_RSVPS.EVENT_ID, EVENT_RSVPS.MEMBER_ID, EVENT_RSVPS.STATUS,
                EVENT_RSVPS.GUESTS, EVENT_RSVPS.WAITLISTED_AT, EVENT_RSVPS.CHECKED_IN_AT, EVENT_RSVPS.NO_SHOW,
                EVENT_RSVPS.UPDATED_AT);
        long now = plan.end.toEpochMilli();
        db.transaction(tx -> {
            long eventId = 0;
            for (int t = 0; t < plan.size.topics && eventId < count; t++) {
                if (plan.topicCategory[t] != eventsCategory) {
                    continue;
                }
                eventId++;
                long startsAt = plan.topicCreated[t] + (7 + random.nextInt(21)) * 86_400_000L;
                startsAt -= startsAt % 3_600_000L;
                Integer capacity = random.nextInt(3) == 0 ? null : 10 + random.nextInt(60);
                boolean online = random.nextBoolean();
                String description = prose.body(random);
                int wanted = (int) Math.min(plan.size.members - 1, Weighted.logNormal(random, 18, 0.8));
                Set<Integer> answered = new HashSet<>();
                int seats = 0;
                boolean past = startsAt + 7_200_000L < now;
                long answeredAt = Math.min(now, plan.topicCreated[t] + 3_600_000L);
                List<Object[]> answers = new ArrayList<>();
                for (int i = 0; i < wanted; i++) {
                    int member = plan.activity.pick(random);
                    if (!answered.add(member)) {
                        continue;
                    }
                    int roll = random.nextInt(100);
                    String status = roll < 60 ? "going" : roll < 85 ? "interested" : "not_going";
                    int guests = "going".equals(status) && random.nextInt(5) == 0 ? 1 : 0;
                    if ("going".equals(status) && capacity != null && seats + 1 + guests > capacity) {
                        status = "waitlisted";
                        guests = 0;
                    }
                    if ("going".equals(status)) {
                        seats += 1 + guests;
                    }
                    boolean attended = past && "going".equals(status) && random.nextInt(10) < 7;
                    answers.add(new Object[] {eventId, member + 1L, status, guests,
                            "waitlisted".equals(status) ? Instant.ofEpochMilli(answeredAt + i) : null,
                            attended ? Instant.ofEpochMilli(startsAt + 600_000) : null,
                            past && "going".equals(status) && !attended, Instant.ofEpochMilli(answeredAt + i)});
                    tx.record(new RsvpChanged(eventId, member + 1L, "none", status, guests));
                }
                String title = "Meetup #" + eventId;
                rows.add(eventId, t + 1L, eventsCategory + 1L, plan.topicAuthor[t] + 1L, title, description,
                        markdown.toHtml(description), Instant.ofEpochMilli(startsAt),
                        Instant.ofEpochMilli(startsAt + 7_200_000L), "Europe/Berlin",
                        online ? "https://meet.example.org/" + eventId : null, online ? null : "Community hall, room " + t,
                        capacity, seats, 1, "public", String.format("%06d", random.nextInt(1_000_000)),
                        Instant.ofEpochMilli(plan.topicCreated[t]), Instant.ofEpochMilli(plan.topicCreated[t]));
                rows.flush(tx.sql());
                for (Object[] answer : answers) {
                    rsvps.add(answer);
                }
                tx.record(new EventCreated(eventId, 0, t + 1L, eventsCategory + 1L, plan.topicAuthor[t] + 1L,
                        Instant.ofEpochMilli(startsAt), capacity == null ? 0 : capacity));
            }
            rsvps.flush(tx.sql());
            return null;
        });
        progress.accept("events: " + rows.written() + ", answers: " + rsvps.written());
        return rsvps.written();
    }

    /** Next ids after the generated ones, and the core listeners caught up with the journal. */
    private void finish() {
        db.transaction(tx -> {
            if (tx.sql().dialect().family() == SQLDialect.H2) {
                // H2 does not move an identity past explicitly inserted ids (MariaDB's AUTO_INCREMENT does).
                for (Table<?> table : List.of(MEMBERS, CATEGORIES, TAGS, TOPICS, POSTS, BOOKMARKS, EVENTS)) {
                    Long max = tx.sql().select(org.jooq.impl.DSL.max(table.field("id", Long.class))).from(table)
                            .fetchSingle().value1();
                    tx.sql().execute("ALTER TABLE " + table.getName() + " ALTER COLUMN id RESTART WITH "
                            + (max == null ? 1 : max + 1));
                }
            }
            long head = tx.sql().select(JOURNAL_HEAD.LAST_POSITION).from(JOURNAL_HEAD).fetchSingle().value1();
            for (String listener : CORE_LISTENERS) {
                tx.sql().insertInto(JOURNAL_CURSORS)
                        .set(JOURNAL_CURSORS.LISTENER_ID, listener)
                        .set(JOURNAL_CURSORS.POSITION, head)
                        .set(JOURNAL_CURSORS.FAILURES, 0)
                        .set(JOURNAL_CURSORS.UPDATED_AT, Instant.now())
                        .execute();
            }
            return null;
        });
    }

    private interface RowWriter {
        void write(Tx tx, int index);
    }

    /** Runs {@code writer} for 0..count-1, a transaction per {@link #PER_TRANSACTION}, flushing {@code rows}. */
    private void inChunks(int count, RowWriter writer, Rows... rows) {
        for (int from = 0; from < count; from += PER_TRANSACTION) {
            int to = Math.min(count, from + PER_TRANSACTION);
            int chunkFrom = from;
            db.transaction(tx -> {
                for (int i = chunkFrom; i < to; i++) {
                    writer.write(tx, i);
                }
                for (Rows r : rows) {
                    r.flush(tx.sql());
                }
                return null;
            });
        }
    }
}
