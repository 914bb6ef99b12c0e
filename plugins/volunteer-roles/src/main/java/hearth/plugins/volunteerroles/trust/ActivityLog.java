package hearth.plugins.volunteerroles.trust;

import hearth.api.PluginContext;
import hearth.api.data.Columns;
import hearth.api.views.MemberActivity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A member's activity for trust levels: visits and reading time from the plugin's own records (see {@link Visits}),
 * flags against their posts from the journal, the rest (reads, replies, likes) from the core.
 */
public final class ActivityLog {

    static final Field<Long> MEMBER_ID = Columns.id("member_id");
    static final Field<LocalDate> VISIT_DAY = DSL.field(DSL.name("visit_day"), SQLDataType.LOCALDATE);
    static final Field<Integer> READING_SECONDS = Columns.number("reading_seconds");
    private static final Field<Long> FLAG_ID = Columns.id("flag_id");
    private static final Field<Long> POST_ID = Columns.id("post_id");
    private static final Field<Long> FLAGGER_ID = Columns.id("flagger_id");
    private static final Field<Instant> RAISED_AT = Columns.instant("raised_at");
    private static final Field<Boolean> AGREED = Columns.flag("agreed");

    private final PluginContext context;
    private final Table<Record> visits;
    private final Table<Record> flags;

    public ActivityLog(PluginContext context) {
        this.context = context;
        this.visits = DSL.table(DSL.name(context.database().table("visits")));
        this.flags = DSL.table(DSL.name(context.database().table("flags")));
    }

    /** What the member did from {@code since} on (blocking). */
    public Activity since(long memberId, Instant since) {
        LocalDate firstDay = LocalDate.ofInstant(since, ZoneOffset.UTC);
        Map<String, Integer> counts = new HashMap<>();
        context.database().read(sql -> {
            var visited = sql.select(DSL.count(), DSL.coalesce(DSL.sum(READING_SECONDS), DSL.inline(0)))
                    .from(visits).where(MEMBER_ID.eq(memberId), VISIT_DAY.ge(firstDay)).fetchOne();
            counts.put(Activity.DAYS_VISITED, visited.value1());
            counts.put(Activity.READING_MINUTES, visited.value2().intValue() / 60);
            counts.put(Activity.FLAGS_AGAINST, sql.fetchCount(sql.selectDistinct(FLAG_ID).from(flags)
                    .where(MEMBER_ID.eq(memberId), AGREED.isTrue(), RAISED_AT.ge(since))));
            return null;
        });
        MemberActivity core = context.members().activity(memberId, since);
        counts.put(Activity.TOPICS_ENTERED, core.topicsEntered());
        counts.put(Activity.POSTS_READ, core.postsRead());
        counts.put(Activity.REPLIES, core.replies());
        counts.put(Activity.LIKES_GIVEN, core.likesGiven());
        counts.put(Activity.LIKES_RECEIVED, core.likesReceived());
        return new Activity(counts);
    }

    /** A flagged item: what it was about ("post:12", "member:7") and when the flag was raised. */
    public record Flagged(String subject, Instant raisedAt) {
    }

    /**
     * A flag on one of the member's posts (postId not 0) or on the member was raised (idempotent: the journal may
     * deliver it again).
     */
    public void flagRaised(long flagId, long memberId, long postId, long flaggerId, Instant at) {
        context.database().write(sql -> sql.insertInto(flags, FLAG_ID, MEMBER_ID, POST_ID, FLAGGER_ID, RAISED_AT,
                        AGREED)
                .select(DSL.select(DSL.val(flagId, FLAG_ID), DSL.val(memberId, MEMBER_ID), DSL.val(postId, POST_ID),
                                DSL.val(flaggerId, FLAGGER_ID), DSL.val(at, RAISED_AT), DSL.val(false, AGREED))
                        .whereNotExists(DSL.selectOne().from(flags).where(FLAG_ID.eq(flagId))))
                .execute());
    }

    /** A moderator settled a flag; returns whose post it was, or 0 when the flag is unknown here. */
    public long flagResolved(long flagId, boolean agreed) {
        return context.database().write(sql -> {
            sql.update(flags).set(AGREED, agreed).where(FLAG_ID.eq(flagId)).execute();
            return sql.select(MEMBER_ID).from(flags).where(FLAG_ID.eq(flagId)).fetchOptional(MEMBER_ID)
                    .orElse(0L);
        });
    }

    /** What a flag was about and when it was raised, if it is known here. */
    public Optional<Flagged> flagged(long flagId) {
        return context.database().read(sql -> sql.select(MEMBER_ID, POST_ID, RAISED_AT).from(flags)
                .where(FLAG_ID.eq(flagId)).fetchOptional(r -> new Flagged(r.value2() != 0 ? "post:" + r.value2()
                        : "member:" + r.value1(), r.value3())));
    }

    /** Members seen since {@code since}: whose levels the nightly run looks at. */
    public List<Long> visitorsSince(Instant since) {
        LocalDate firstDay = LocalDate.ofInstant(since, ZoneOffset.UTC);
        return context.database().read(sql -> sql.selectDistinct(MEMBER_ID).from(visits)
                .where(VISIT_DAY.ge(firstDay)).fetch(MEMBER_ID));
    }

    private void visited(long memberId, LocalDate day, int readingSeconds) {
        context.database().write(sql -> {
            int updated = sql.update(visits).set(READING_SECONDS, READING_SECONDS.plus(readingSeconds))
                    .where(MEMBER_ID.eq(memberId), VISIT_DAY.eq(day)).execute();
            if (updated == 0) {
                sql.insertInto(visits, MEMBER_ID, VISIT_DAY, READING_SECONDS).values(memberId, day, readingSeconds)
                        .execute();
            }
            return null;
        });
    }

    /** Adds a day visited, or reading time to it; a second node inserting the same day first just means adding. */
    public void record(long memberId, LocalDate day, int readingSeconds) {
        try {
            visited(memberId, day, readingSeconds);
        } catch (IntegrityConstraintViolationException raced) {
            visited(memberId, day, readingSeconds);
        }
    }
}
