package hearth.server.plugins;

import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.PostLikes.POST_LIKES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Tags.TAGS;
import static hearth.server.db.schema.tables.TopicTags.TOPIC_TAGS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Role;
import hearth.api.search.SearchSource;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.server.accounts.MemberStatus;
import hearth.server.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * {@link SearchSource} over the core tables: only public content (topics with a category, never private conversations
 * or unpublished topics), hidden and deleted items flagged rather than left out, so an index learns to drop them.
 * Blocking.
 */
final class CoreSearchSource implements SearchSource {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Field<Integer> TOPIC_LIKES = DSL.field(DSL.selectCount().from(POST_LIKES).join(POSTS)
            .on(POSTS.ID.eq(POST_LIKES.POST_ID))
            .where(POSTS.TOPIC_ID.eq(TOPICS.ID), POSTS.POST_NUMBER.eq(1)));
    private static final Field<Integer> POST_LIKES_COUNT = DSL.field(DSL.selectCount().from(POST_LIKES)
            .where(POST_LIKES.POST_ID.eq(POSTS.ID)));
    private static final Condition PUBLIC_TOPIC = TOPICS.CATEGORY_ID.isNotNull().and(TOPICS.IS_PRIVATE.isFalse());

    private final Database db;
    private final Clock clock;

    CoreSearchSource(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<TopicEntry> topics(long afterId, int limit) {
        return db.query(sql -> topics(sql, TOPICS.ID.gt(afterId), limit));
    }

    @Override
    public Optional<TopicEntry> topic(long id) {
        return db.query(sql -> topics(sql, TOPICS.ID.eq(id), 1)).stream().findFirst();
    }

    private static List<TopicEntry> topics(DSLContext sql, Condition which, int limit) {
        var rows = sql.select(TOPICS.ID, TOPICS.CATEGORY_ID, TOPICS.AUTHOR_ID, TOPICS.TITLE, TOPICS.REPLY_COUNT,
                        TOPICS.CREATED_AT, TOPICS.CLOSED_AT, TOPICS.LOCKED_AT, TOPICS.PINNED, TOPICS.UNLISTED,
                        TOPICS.DELETED_AT, TOPICS.HIDDEN_AT, MEMBERS.USERNAME, TOPICS.KIND,
                        TOPICS.ACCEPTED_POST_ID, TOPICS.LAST_POSTED_AT, TOPIC_LIKES)
                .from(TOPICS).join(MEMBERS).on(MEMBERS.ID.eq(TOPICS.AUTHOR_ID))
                .where(which, PUBLIC_TOPIC)
                .orderBy(TOPICS.ID).limit(Math.max(0, limit)).fetch();
        Map<Long, List<String>> tags = new HashMap<>();
        if (!rows.isEmpty()) {
            sql.select(TOPIC_TAGS.TOPIC_ID, TAGS.NAME).from(TOPIC_TAGS).join(TAGS).on(TAGS.ID.eq(TOPIC_TAGS.TAG_ID))
                    .where(TOPIC_TAGS.TOPIC_ID.in(rows.getValues(TOPICS.ID)))
                    .orderBy(TAGS.NAME)
                    .forEach(r -> tags.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        return rows.map(r -> {
            TopicView.State state = new TopicView.State(r.get(TOPICS.CLOSED_AT) != null,
                    r.get(TOPICS.LOCKED_AT) != null, r.get(TOPICS.PINNED), Boolean.TRUE.equals(r.get(TOPICS.UNLISTED)),
                    r.get(TOPICS.DELETED_AT) != null || r.get(TOPICS.HIDDEN_AT) != null);
            TopicView topic = new TopicView(r.get(TOPICS.ID), r.get(TOPICS.CATEGORY_ID), r.get(TOPICS.AUTHOR_ID),
                    r.get(TOPICS.TITLE), r.get(TOPICS.REPLY_COUNT), r.get(TOPICS.CREATED_AT), state);
            boolean question = "question".equals(r.get(TOPICS.KIND));
            return new TopicEntry(topic, r.get(MEMBERS.USERNAME),
                    tags.getOrDefault(topic.id(), List.of()), question,
                    question && r.get(TOPICS.ACCEPTED_POST_ID) != null, r.get(TOPICS.LAST_POSTED_AT),
                    r.get(TOPIC_LIKES));
        });
    }

    @Override
    public List<PostEntry> posts(long afterId, int limit) {
        return db.query(sql -> posts(sql, POSTS.ID.gt(afterId), POSTS.ID, limit));
    }

    @Override
    public Optional<PostEntry> post(long id) {
        return db.query(sql -> posts(sql, POSTS.ID.eq(id), POSTS.ID, 1)).stream().findFirst();
    }

    @Override
    public List<PostEntry> topicPosts(long topicId, int fromNumber, int limit) {
        return db.query(sql -> posts(sql, POSTS.TOPIC_ID.eq(topicId).and(POSTS.POST_NUMBER.ge(fromNumber)),
                POSTS.POST_NUMBER, limit));
    }

    private static List<PostEntry> posts(DSLContext sql, Condition which, Field<?> order, int limit) {
        return sql.select(POSTS.ID, POSTS.TOPIC_ID, POSTS.AUTHOR_ID, POSTS.POST_NUMBER, POSTS.BODY_MARKDOWN,
                        POSTS.CREATED_AT, POSTS.HIDDEN_AT, POSTS.DELETED_AT, POSTS.BODY_HTML, MEMBERS.USERNAME,
                        POST_LIKES_COUNT)
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .join(MEMBERS).on(MEMBERS.ID.eq(POSTS.AUTHOR_ID))
                .where(which, PUBLIC_TOPIC)
                .orderBy(order).limit(Math.max(0, limit))
                .fetch(r -> new PostEntry(new PostView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7() != null || r.value8() != null), r.value10(), text(r.value9()),
                        r.value11()));
    }

    @Override
    public List<MemberEntry> members(long afterId, int limit) {
        return db.query(sql -> members(sql, MEMBERS.ID.gt(afterId), limit));
    }

    @Override
    public Optional<MemberEntry> member(long id) {
        return db.query(sql -> members(sql, MEMBERS.ID.eq(id), 1)).stream().findFirst();
    }

    private List<MemberEntry> members(DSLContext sql, Condition which, int limit) {
        Instant now = clock.instant();
        return sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME, MEMBERS.ROLE, MEMBERS.STATUS,
                        MEMBERS.STATUS_UNTIL, MEMBERS.CREATED_AT, MEMBERS.BIO_HTML, MEMBERS.PROFILE_HIDDEN)
                .from(MEMBERS).where(which, MEMBERS.DELETED_AT.isNull())
                .orderBy(MEMBERS.ID).limit(Math.max(0, limit))
                .fetch(r -> {
                    MemberStatus status = MemberStatus.of(r.value5(), r.value6(), now);
                    MemberView member = new MemberView(r.value1(), r.value2(), r.value3(),
                            Role.valueOf(r.value4().toUpperCase(Locale.ROOT)), status.blocksPosting(), r.value7());
                    // Like the member directory and @mention suggestions: no one who hid their profile.
                    boolean listed = status.kind() != MemberStatus.Kind.PENDING
                            && status.kind() != MemberStatus.Kind.BANNED && !Boolean.TRUE.equals(r.value9());
                    return new MemberEntry(member, r.value8() == null ? "" : text(r.value8()), listed);
                });
    }

    @Override
    public List<EventEntry> events(long afterId, int limit) {
        return db.query(sql -> events(sql, EVENTS.ID.gt(afterId), limit));
    }

    @Override
    public Optional<EventEntry> event(long id) {
        return db.query(sql -> events(sql, EVENTS.ID.eq(id), 1)).stream().findFirst();
    }

    private static List<EventEntry> events(DSLContext sql, Condition which, int limit) {
        return sql.select(EVENTS.ID, EVENTS.TOPIC_ID, EVENTS.CATEGORY_ID, EVENTS.HOST_ID, EVENTS.TITLE,
                        EVENTS.DESCRIPTION_HTML, EVENTS.VENUE, EVENTS.STARTS_AT, EVENTS.VISIBILITY, EVENTS.STATUS)
                .from(EVENTS).where(which)
                .orderBy(EVENTS.ID).limit(Math.max(0, limit))
                .fetch(CoreSearchSource::event);
    }

    private static EventEntry event(Record r) {
        return new EventEntry(r.get(EVENTS.ID), r.get(EVENTS.TOPIC_ID), r.get(EVENTS.CATEGORY_ID),
                r.get(EVENTS.HOST_ID), r.get(EVENTS.TITLE), text(r.get(EVENTS.DESCRIPTION_HTML)),
                r.get(EVENTS.VENUE) == null ? "" : r.get(EVENTS.VENUE), r.get(EVENTS.STARTS_AT),
                r.get(EVENTS.VISIBILITY), "cancelled".equals(r.get(EVENTS.STATUS)));
    }

    /** Sanitised HTML as the words a reader sees: tags become spaces, the entities the sanitiser writes are read. */
    static String text(String html) {
        String words = TAG.matcher(html).replaceAll(" ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#64;", "@").replace("&nbsp;", " ").replace("&amp;", "&");
        return SPACE.matcher(words).replaceAll(" ").strip();
    }
}
