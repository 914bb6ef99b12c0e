package hearth.server.plugins;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.PostLikes.POST_LIKES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.TopicReads.TOPIC_READS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.views.Applicant;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberActivity;
import hearth.api.views.MemberView;
import hearth.api.views.Members;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.api.views.Topics;
import hearth.server.accounts.MemberViews;
import hearth.server.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record7;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;

/** The read views plugins get of core data: stable records, whatever the core's tables look like. Blocking. */
final class CoreViews implements Members, Topics {

    /** Private conversations and unpublished topics have no category; plugins never see them. */
    private static final Condition LISTED = TOPICS.CATEGORY_ID.isNotNull();

    private final Database db;
    private final Clock clock;

    CoreViews(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<MemberView> byId(long id) {
        return member(MEMBERS.ID.eq(id));
    }

    @Override
    public Optional<MemberView> byUsername(String username) {
        return member(MEMBERS.USERNAME_KEY.eq(username.toLowerCase(Locale.ROOT)));
    }

    private Optional<MemberView> member(Condition which) {
        return db.query(sql -> MemberViews.find(sql, which, clock.instant()));
    }

    @Override
    public Optional<TopicView> topic(long id) {
        return db.query(sql -> sql.select(TOPICS.ID, TOPICS.CATEGORY_ID, TOPICS.AUTHOR_ID, TOPICS.TITLE,
                        TOPICS.REPLY_COUNT, TOPICS.CREATED_AT, TOPICS.CLOSED_AT, TOPICS.LOCKED_AT, TOPICS.PINNED,
                        TOPICS.UNLISTED, TOPICS.DELETED_AT, TOPICS.HIDDEN_AT)
                .from(TOPICS).where(TOPICS.ID.eq(id), LISTED, TOPICS.MERGED_INTO.isNull())
                .fetchOptional(r -> new TopicView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), new TopicView.State(r.value7() != null, r.value8() != null, r.value9(),
                        Boolean.TRUE.equals(r.value10()), r.value11() != null || r.value12() != null))));
    }

    @Override
    public List<CategoryView> categories() {
        return db.query(sql -> sql.select(CATEGORIES.ID, CATEGORIES.PARENT_ID, CATEGORIES.NAME, CATEGORIES.SLUG)
                .from(CATEGORIES).orderBy(CATEGORIES.POSITION, CATEGORIES.ID)
                .fetch(r -> new CategoryView(r.value1(), r.value2() == null ? 0 : r.value2(), r.value3(),
                        r.value4())));
    }

    @Override
    public Optional<PostView> post(long id) {
        return db.query(sql -> posts(sql, POSTS.ID.eq(id)).fetchOptional(CoreViews::postView));
    }

    @Override
    public List<PostView> posts(long topicId, int fromNumber, int limit) {
        return db.query(sql -> posts(sql, POSTS.TOPIC_ID.eq(topicId).and(POSTS.POST_NUMBER.ge(fromNumber)))
                .orderBy(POSTS.POST_NUMBER).limit(Math.max(0, limit)).fetch(CoreViews::postView));
    }

    @Override
    public List<PostView> postsBy(long memberId, int limit) {
        return db.query(sql -> posts(sql, POSTS.AUTHOR_ID.eq(memberId))
                .orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc()).limit(Math.max(0, limit))
                .fetch(CoreViews::postView));
    }

    private static SelectConditionStep<Record7<Long, Long, Long, Integer, String, Instant, Boolean>> posts(
            DSLContext sql, Condition which) {
        return sql.select(POSTS.ID, POSTS.TOPIC_ID, POSTS.AUTHOR_ID, POSTS.POST_NUMBER, POSTS.BODY_MARKDOWN,
                        POSTS.CREATED_AT, POSTS.HIDDEN_AT.isNotNull().or(POSTS.DELETED_AT.isNotNull()))
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID)).where(which, LISTED);
    }

    private static PostView postView(Record7<Long, Long, Long, Integer, String, Instant, Boolean> r) {
        return new PostView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7());
    }

    @Override
    public List<Applicant> awaitingApproval(int limit) {
        Instant now = clock.instant();
        return db.query(sql -> sql.select(MEMBERS.ID, MEMBERS.EMAIL).from(MEMBERS)
                .where(MEMBERS.STATUS.eq("pending"), MEMBERS.DELETED_AT.isNull())
                .orderBy(MEMBERS.CREATED_AT, MEMBERS.ID).limit(Math.max(0, limit)).fetch()
                .stream()
                .flatMap(r -> MemberViews.find(sql, MEMBERS.ID.eq(r.value1()), now).stream()
                        .map(member -> new Applicant(member, r.value2())))
                .toList());
    }

    @Override
    public MemberActivity activity(long memberId, Instant since) {
        // Read state keeps only the furthest post read per topic and when that last moved, so "read since" means
        // topics whose read mark moved since then, counted up to that mark.
        Condition publicPost = POSTS.DELETED_AT.isNull().and(POSTS.HIDDEN_AT.isNull()).and(LISTED);
        return db.query(sql -> {
            var reads = sql.select(DSL.count(), DSL.coalesce(DSL.sum(TOPIC_READS.LAST_READ_NUMBER), DSL.inline(0)))
                    .from(TOPIC_READS)
                    .where(TOPIC_READS.MEMBER_ID.eq(memberId), TOPIC_READS.UPDATED_AT.ge(since)).fetchOne();
            var posts = sql.select(DSL.count().filterWhere(POSTS.POST_NUMBER.eq(1)),
                            DSL.count().filterWhere(POSTS.POST_NUMBER.gt(1)))
                    .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                    .where(POSTS.AUTHOR_ID.eq(memberId), POSTS.CREATED_AT.ge(since), publicPost).fetchOne();
            int given = sql.fetchCount(POST_LIKES,
                    POST_LIKES.MEMBER_ID.eq(memberId).and(POST_LIKES.CREATED_AT.ge(since)));
            int received = sql.fetchCount(sql.selectOne().from(POST_LIKES).join(POSTS).on(POSTS.ID.eq(POST_LIKES.POST_ID))
                    .where(POSTS.AUTHOR_ID.eq(memberId), POST_LIKES.CREATED_AT.ge(since),
                            POST_LIKES.MEMBER_ID.ne(memberId)));
            return new MemberActivity(reads.value1(), reads.value2().intValue(), posts.value1(), posts.value2(),
                    given, received);
        });
    }
}
