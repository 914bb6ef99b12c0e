package hearth.server.messages;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.TopicParticipants.TOPIC_PARTICIPANTS;
import static hearth.server.db.schema.tables.TopicReads.TOPIC_READS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.server.accounts.MemberStatus;
import hearth.server.accounts.PostingRights;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.PostRules;
import hearth.server.discussions.TopicReader;
import hearth.server.site.SiteSettings;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Private conversations: topics without a category that only their participants see. Starting one checks, in one
 * transaction, that the member may write at all, is old enough to start conversations (staff always are), names 1 to
 * {@link #MAX_RECIPIENTS} members who can be messaged (not suspended, banned or deleted), and meets the same title,
 * body, repeat and pace rules as a new topic; replies go through the topic page like any reply.
 */
public final class Conversations {

    public static final int MAX_RECIPIENTS = 10;

    /** A conversation that was started. */
    public record Started(long topicId, String slug) {

        public String location() {
            return "/t/" + slug + "/" + topicId;
        }
    }

    /** A conversation as the member's list shows it. */
    public record Summary(long topicId, String slug, String title, List<String> with, int posts, int unread,
                          Instant lastPostedAt) {

        public String url() {
            return "/t/" + slug + "/" + topicId;
        }
    }

    private final Database db;
    private final Discussions discussions;
    private final TopicReader reader;
    private final PostRules rules;
    private final PostingRights postingRights;
    private final SiteSettings settings;
    private final Clock clock;

    public Conversations(Database db, Discussions discussions, TopicReader reader, PostRules rules,
                         PostingRights postingRights, SiteSettings settings, Clock clock) {
        this.db = db;
        this.discussions = discussions;
        this.reader = reader;
        this.rules = rules;
        this.postingRights = postingRights;
        this.settings = settings;
        this.clock = clock;
    }

    /** Why the viewer may not start a conversation, for the person to read; empty when they may. */
    public Optional<String> whyNot(Viewer viewer) {
        Optional<String> cannotPost = postingRights.whyNot(viewer);
        if (cannotPost.isPresent() || viewer.isStaff()) {
            return cannotPost;
        }
        long hours = minimumAgeHours();
        Instant allowedFrom = viewer.joinedAt() == null ? Instant.MIN : viewer.joinedAt().plus(Duration.ofHours(hours));
        if (clock.instant().isBefore(allowedFrom)) {
            return Optional.of("New members can start private conversations " + hours
                    + (hours == 1 ? " hour" : " hours") + " after joining. You can reply to conversations others start with you.");
        }
        return Optional.empty();
    }

    /** The site's minimum account age for starting conversations, in hours. */
    public long minimumAgeHours() {
        try {
            return Math.max(0, Long.parseLong(settings.get(SiteSettings.Key.MESSAGES_MIN_ACCOUNT_HOURS)));
        } catch (NumberFormatException e) {
            return 24;
        }
    }

    /** Starts a conversation; {@code rawRecipients} are usernames separated by commas or spaces. */
    public Future<Started> start(Viewer viewer, String rawRecipients, String rawTitle, String rawBody) {
        return db.write(tx -> {
            whyNot(viewer).ifPresent(reason -> {
                throw new Forbidden(reason);
            });
            Map<String, String> errors = new LinkedHashMap<>();
            Set<Long> recipients = valid(errors, () -> recipients(tx.sql(), viewer, rawRecipients));
            String title = valid(errors, () -> rules.title(rawTitle));
            String body = valid(errors, () -> rules.body(rawBody));
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
            rules.notRepeated(reader.startedSince(tx.sql(), viewer.memberId(), title, rules.repeatsSince()),
                    PostRules.Pace.TOPIC);
            rules.paced(PostRules.Pace.TOPIC, viewer.joinedAt(), reader.lastTopicAt(tx.sql(), viewer.memberId()));
            return started(tx, discussions.startConversation(tx, viewer.memberId(), recipients, title, body));
        });
    }

    /**
     * Sends a conversation on the site's behalf (the welcome message), inside the caller's transaction: no age, pace
     * or repeat rules, which protect members from members.
     */
    public Started send(Tx tx, long senderId, long recipientId, String title, String body) {
        return started(tx, discussions.startConversation(tx, senderId, List.of(recipientId), title, body));
    }

    private Started started(Tx tx, long topicId) {
        return new Started(topicId, reader.findAny(tx.sql(), topicId).orElseThrow().slug());
    }

    /** The member's conversations, newest activity first, with who else takes part and how many posts are unread. */
    public List<Summary> list(DSLContext sql, long memberId, int limit) {
        var lastNumber = DSL.field(DSL.select(DSL.max(POSTS.POST_NUMBER)).from(POSTS)
                .where(POSTS.TOPIC_ID.eq(TOPICS.ID)));
        var postCount = DSL.field(DSL.selectCount().from(POSTS).where(POSTS.TOPIC_ID.eq(TOPICS.ID)));
        var rows = sql.select(TOPICS.ID, TOPICS.SLUG, TOPICS.TITLE, TOPICS.LAST_POSTED_AT, lastNumber, postCount,
                        TOPIC_READS.LAST_READ_NUMBER)
                .from(TOPIC_PARTICIPANTS)
                .join(TOPICS).on(TOPICS.ID.eq(TOPIC_PARTICIPANTS.TOPIC_ID))
                .leftJoin(TOPIC_READS).on(TOPIC_READS.TOPIC_ID.eq(TOPICS.ID), TOPIC_READS.MEMBER_ID.eq(memberId))
                .where(TOPIC_PARTICIPANTS.MEMBER_ID.eq(memberId), TOPICS.IS_PRIVATE.isTrue())
                .orderBy(TOPICS.LAST_POSTED_AT.desc(), TOPICS.ID.desc())
                .limit(limit)
                .fetch();
        List<Long> ids = rows.map(r -> r.value1());
        Map<Long, List<String>> others = new LinkedHashMap<>();
        sql.select(TOPIC_PARTICIPANTS.TOPIC_ID, MEMBERS.DISPLAY_NAME).from(TOPIC_PARTICIPANTS)
                .join(MEMBERS).on(MEMBERS.ID.eq(TOPIC_PARTICIPANTS.MEMBER_ID))
                .where(TOPIC_PARTICIPANTS.TOPIC_ID.in(ids), TOPIC_PARTICIPANTS.MEMBER_ID.ne(memberId))
                .orderBy(MEMBERS.DISPLAY_NAME)
                .forEach(r -> others.computeIfAbsent(r.value1(), id -> new ArrayList<>()).add(r.value2()));
        return rows.map(r -> {
            int last = r.value5() == null ? 0 : r.value5();
            int read = r.value7() == null ? 0 : r.value7();
            int unread = (int) Math.min(r.value6(), Math.max(0, last - read));
            return new Summary(r.value1(), r.value2(), r.value3(), others.getOrDefault(r.value1(), List.of()),
                    r.value6(), unread, r.value4());
        });
    }

    /** The recipients' ids: 1 to 10 distinct members who exist and can be messaged, never the sender. */
    private Set<Long> recipients(DSLContext sql, Viewer viewer, String raw) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : (raw == null ? "" : raw).split("[,\\s]+")) {
            String key = name.strip().replaceFirst("^@", "").toLowerCase(Locale.ROOT);
            if (!key.isEmpty()) {
                names.add(key);
            }
        }
        if (names.isEmpty()) {
            throw new InvalidInput("to", "Please name at least one member to write to.");
        }
        if (names.size() > MAX_RECIPIENTS) {
            throw new InvalidInput("to", "Please write to at most " + MAX_RECIPIENTS + " members at once.");
        }
        Instant now = clock.instant();
        Set<Long> ids = new LinkedHashSet<>();
        for (String name : names) {
            var member = sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.STATUS, MEMBERS.STATUS_UNTIL,
                            MEMBERS.DELETED_AT)
                    .from(MEMBERS).where(MEMBERS.USERNAME_KEY.eq(name)).fetchOptional()
                    .orElseThrow(() -> new InvalidInput("to", "There is no member called " + name + "."));
            if (member.value5() != null) {
                throw new InvalidInput("to", "There is no member called " + name + ".");
            }
            if (member.value1() == viewer.memberId()) {
                throw new InvalidInput("to", "You cannot write to yourself.");
            }
            MemberStatus.Kind standing = MemberStatus.of(member.value3(), member.value4(), now).kind();
            if (standing == MemberStatus.Kind.SUSPENDED || standing == MemberStatus.Kind.BANNED) {
                throw new InvalidInput("to", member.value2() + " cannot receive messages at the moment.");
            }
            ids.add(member.value1());
        }
        return ids;
    }

    private static <T> T valid(Map<String, String> errors, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidInput invalid) {
            errors.putAll(invalid.errors());
            return null;
        }
    }
}
