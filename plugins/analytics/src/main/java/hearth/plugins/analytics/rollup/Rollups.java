package hearth.plugins.analytics.rollup;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.data.PluginDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The daily roll-ups, kept up to date one fact at a time as the journal comes, and rebuilt from the kept facts when
 * the site's time zone changes or an admin asks. Both go through {@link #apply}, in journal order, so a rebuild gives
 * exactly what following the journal gave. Days that are over are summarised ({@link ClosedDays}); a fact that
 * changes one drops its summary. One lock keeps a rebuild, the summarising and the listener apart.
 */
public final class Rollups {

    /** A new member is activated by posting within this long of joining. */
    public static final Duration ACTIVATION = Duration.ofDays(7);

    private static final int PAGE = 5_000;

    /** Days summarised in one transaction, so the listener never waits long. */
    private static final int CLOSE_AT_ONCE = 31;

    private final PluginDatabase db;
    private final Tables t;
    private final ClosedDays closed;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    public Rollups(PluginDatabase db, Tables tables, Clock clock) {
        this.db = db;
        this.t = tables;
        this.closed = new ClosedDays(tables);
        this.clock = clock;
    }

    /** Keeps the fact and counts it, once however often its journal entry comes. */
    public void record(Fact fact) {
        lock.lock();
        try {
            db.write(sql -> {
                int inserted = sql.insertInto(t.facts, POSITION, KIND, AT, MEMBER_ID, TOPIC_ID, CATEGORY_ID, REF_ID,
                                ANSWER)
                        .select(DSL.select(DSL.val(fact.position(), POSITION), DSL.val(fact.kind(), KIND),
                                        DSL.val(fact.at(), AT), DSL.val(fact.memberId(), MEMBER_ID),
                                        DSL.val(fact.topicId(), TOPIC_ID), DSL.val(fact.categoryId(), CATEGORY_ID),
                                        DSL.val(fact.refId(), REF_ID), DSL.val(fact.answer(), ANSWER))
                                .whereNotExists(DSL.selectOne().from(t.facts).where(POSITION.eq(fact.position()))))
                        .execute();
                if (inserted == 1) {
                    ZoneId zone = zone(sql);
                    apply(sql, fact, zone);
                    reopen(sql, fact, zone);
                }
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    /** The category a topic was started in, as far as the facts know (0 when they do not). */
    public long categoryOf(long topicId) {
        return db.read(sql -> sql.select(CATEGORY_ID).from(t.topics).where(TOPIC_ID.eq(topicId))
                .fetchOptional(CATEGORY_ID).orElse(0L));
    }

    /** Whether the roll-ups lack something a newer version of the plugin keeps, until the next rebuild. */
    public boolean stale() {
        return db.read(sql -> sql.select(STALE).from(t.state).where(ID.eq(1)).fetchOne(STALE));
    }

    /** The time zone the roll-ups are in. */
    public ZoneId zone() {
        return db.read(this::zone);
    }

    private ZoneId zone(DSLContext sql) {
        return ZoneId.of(sql.select(ZONE).from(t.state).where(ID.eq(1)).fetchOne(ZONE));
    }

    /** Summarises every day before today that lacks a summary (blocking; a task calls it). */
    public void closeDays() {
        int closedNow;
        do {
            lock.lock();
            try {
                closedNow = db.write(sql -> {
                    ZoneId zone = zone(sql);
                    return closed.seal(sql, LocalDate.ofInstant(clock.instant(), zone), zone, CLOSE_AT_ONCE);
                });
            } finally {
                lock.unlock();
            }
        } while (closedNow > 0);
    }

    /**
     * Throws every roll-up away and counts all kept facts again in {@code zone}, in one transaction; then summarises
     * the days that are over.
     */
    public void rebuild(ZoneId zone) {
        lock.lock();
        try {
            db.write(sql -> {
                for (var table : List.of(t.daily, t.active, t.members, t.topics, t.flags, t.events, t.rsvps,
                        t.days)) {
                    sql.deleteFrom(table).execute();
                }
                sql.update(t.state).set(ZONE, zone.getId()).set(STALE, false).where(ID.eq(1)).execute();
                long after = -1;
                while (true) {
                    List<Fact> page = sql.select(POSITION, KIND, AT, MEMBER_ID, TOPIC_ID, CATEGORY_ID, REF_ID, ANSWER)
                            .from(t.facts).where(POSITION.gt(after)).orderBy(POSITION).limit(PAGE)
                            .fetch(r -> new Fact(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                                    r.value6(), r.value7(), r.value8()));
                    for (Fact fact : page) {
                        apply(sql, fact, zone);
                    }
                    if (page.size() < PAGE) {
                        return null;
                    }
                    after = page.getLast().position();
                }
            });
        } finally {
            lock.unlock();
        }
        closeDays();
    }

    private void apply(DSLContext sql, Fact fact, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(fact.at(), zone);
        switch (fact.kind()) {
            case Fact.JOIN -> {
                count(sql, day, 0, "members", 1);
                var known = sql.select(JOINED_AT, FIRST_POST_AT).from(t.members)
                        .where(MEMBER_ID.eq(fact.memberId())).fetchOne();
                if (known == null) {
                    sql.insertInto(t.members, MEMBER_ID, JOINED_AT).values(fact.memberId(), fact.at()).execute();
                } else {
                    sql.update(t.members).set(JOINED_AT, fact.at()).where(MEMBER_ID.eq(fact.memberId())).execute();
                    if (known.value1() == null && known.value2() != null) {
                        activated(sql, fact.at(), known.value2(), zone);
                    }
                }
            }
            case Fact.TOPIC -> {
                count(sql, day, 0, "topics", 1);
                count(sql, day, fact.categoryId(), "topics", 1);
                sql.insertInto(t.topics, TOPIC_ID, CATEGORY_ID, AUTHOR_ID, CREATED_AT, HIDDEN, QUESTION)
                        .select(DSL.select(DSL.val(fact.topicId(), TOPIC_ID), DSL.val(fact.categoryId(), CATEGORY_ID),
                                        DSL.val(fact.memberId(), AUTHOR_ID), DSL.val(fact.at(), CREATED_AT), DSL.val(false, HIDDEN),
                                        DSL.val(fact.refId() == 1, QUESTION))
                                .whereNotExists(DSL.selectOne().from(t.topics).where(TOPIC_ID.eq(fact.topicId()))))
                        .execute();
            }
            case Fact.POST -> {
                boolean reply = fact.refId() > 1;
                count(sql, day, 0, "posts", 1);
                count(sql, day, fact.categoryId(), "posts", 1);
                if (reply) {
                    count(sql, day, 0, "replies", 1);
                    count(sql, day, fact.categoryId(), "replies", 1);
                    sql.update(t.topics).set(FIRST_REPLY_AT, fact.at())
                            .where(TOPIC_ID.eq(fact.topicId()), FIRST_REPLY_AT.isNull(),
                                    AUTHOR_ID.ne(fact.memberId()))
                            .execute();
                }
                active(sql, day, fact.memberId(), 1);
                firstPost(sql, fact, day, zone);
            }
            case Fact.LIKE -> {
                count(sql, day, 0, "likes", 1);
                active(sql, day, fact.memberId(), 0);
            }
            case Fact.UNLIKE -> count(sql, day, 0, "likes", -1);
            case Fact.FLAG -> {
                count(sql, day, 0, "flags", 1);
                active(sql, day, fact.memberId(), 0);
                sql.insertInto(t.flags, FLAG_ID, RAISED_AT)
                        .select(DSL.select(DSL.val(fact.refId(), FLAG_ID), DSL.val(fact.at(), RAISED_AT))
                                .whereNotExists(DSL.selectOne().from(t.flags).where(FLAG_ID.eq(fact.refId()))))
                        .execute();
            }
            case Fact.RESOLVE -> {
                count(sql, day, 0, "resolved", 1);
                sql.update(t.flags).set(RESOLVED_AT, fact.at())
                        .where(FLAG_ID.eq(fact.refId()), RESOLVED_AT.isNull()).execute();
            }
            case Fact.VOLUNTEER -> {
                if (sql.update(t.members).set(VOLUNTEER_AT, fact.at())
                        .where(MEMBER_ID.eq(fact.memberId()), VOLUNTEER_AT.isNull()).execute() == 0
                        && !sql.fetchExists(t.members, MEMBER_ID.eq(fact.memberId()))) {
                    sql.insertInto(t.members, MEMBER_ID, VOLUNTEER_AT).values(fact.memberId(), fact.at()).execute();
                }
            }
            case Fact.EVENT -> sql.insertInto(t.events, EVENT_ID, STARTS_AT, CANCELLED)
                    .select(DSL.select(DSL.val(fact.refId(), EVENT_ID), DSL.val(fact.at(), STARTS_AT),
                                    DSL.val(false, CANCELLED))
                            .whereNotExists(DSL.selectOne().from(t.events).where(EVENT_ID.eq(fact.refId()))))
                    .execute();
            case Fact.CANCEL -> sql.update(t.events).set(CANCELLED, true).where(EVENT_ID.eq(fact.refId())).execute();
            case Fact.RSVP -> rsvp(sql, fact, GOING, "going".equals(fact.answer()));
            case Fact.CHECKIN -> rsvp(sql, fact, CHECKED_IN, true);
            case Fact.HIDE -> sql.update(t.topics).set(HIDDEN, true).where(TOPIC_ID.eq(fact.topicId())).execute();
            // Accepting another reply replaces the answer without clearing the old one first; clearing a reply
            // that is no longer the answer changes nothing.
            case Fact.ACCEPT -> sql.update(t.topics).set(ACCEPTED_POST_ID, fact.refId())
                    .where(TOPIC_ID.eq(fact.topicId())).execute();
            case Fact.UNACCEPT -> sql.update(t.topics).setNull(ACCEPTED_POST_ID)
                    .where(TOPIC_ID.eq(fact.topicId()), ACCEPTED_POST_ID.eq(fact.refId())).execute();
            default -> throw new IllegalStateException("Unknown kind of fact: " + fact.kind());
        }
    }

    /** Counts a member's first post: a new contributor that day, and activated on the day they joined if soon. */
    private void firstPost(DSLContext sql, Fact fact, LocalDate day, ZoneId zone) {
        Instant joinedAt;
        if (sql.update(t.members).set(FIRST_POST_AT, fact.at())
                .where(MEMBER_ID.eq(fact.memberId()), FIRST_POST_AT.isNull()).execute() == 1) {
            joinedAt = sql.select(JOINED_AT).from(t.members).where(MEMBER_ID.eq(fact.memberId()))
                    .fetchOne(JOINED_AT);
        } else if (!sql.fetchExists(t.members, MEMBER_ID.eq(fact.memberId()))) {
            sql.insertInto(t.members, MEMBER_ID, FIRST_POST_AT).values(fact.memberId(), fact.at()).execute();
            joinedAt = null;
        } else {
            return;
        }
        count(sql, day, 0, "contributors", 1);
        if (joinedAt != null) {
            activated(sql, joinedAt, fact.at(), zone);
        }
    }

    private void activated(DSLContext sql, Instant joinedAt, Instant firstPostAt, ZoneId zone) {
        if (Duration.between(joinedAt, firstPostAt).compareTo(ACTIVATION) <= 0) {
            count(sql, LocalDate.ofInstant(joinedAt, zone), 0, "activated", 1);
        }
    }

    /**
     * Drops the summaries of the days a fact may have changed: its own day's active members, and the day its topic
     * was started (a first reply, hiding, an accepted answer). A rebuild need not: it starts with none.
     */
    private void reopen(DSLContext sql, Fact fact, ZoneId zone) {
        switch (fact.kind()) {
            case Fact.TOPIC, Fact.POST, Fact.LIKE, Fact.FLAG ->
                    closed.reopen(sql, LocalDate.ofInstant(fact.at(), zone));
            default -> {
            }
        }
        switch (fact.kind()) {
            case Fact.POST, Fact.HIDE, Fact.ACCEPT, Fact.UNACCEPT -> sql.select(CREATED_AT).from(t.topics)
                    .where(TOPIC_ID.eq(fact.topicId())).fetchOptional(CREATED_AT)
                    .ifPresent(created -> closed.reopen(sql, LocalDate.ofInstant(created, zone)));
            default -> {
            }
        }
    }

    private void rsvp(DSLContext sql, Fact fact, org.jooq.Field<Boolean> field, boolean value) {
        if (sql.update(t.rsvps).set(field, value)
                .where(EVENT_ID.eq(fact.refId()), MEMBER_ID.eq(fact.memberId())).execute() == 0) {
            sql.insertInto(t.rsvps, EVENT_ID, MEMBER_ID, GOING, CHECKED_IN)
                    .values(fact.refId(), fact.memberId(), field == GOING && value, field == CHECKED_IN && value)
                    .execute();
        }
    }

    private void count(DSLContext sql, LocalDate day, long categoryId, String metric, long by) {
        if (sql.update(t.daily).set(AMOUNT, AMOUNT.plus(by))
                .where(DAY.eq(day), CATEGORY_ID.eq(categoryId), METRIC.eq(metric)).execute() == 0) {
            sql.insertInto(t.daily, DAY, CATEGORY_ID, METRIC, AMOUNT).values(day, categoryId, metric, by).execute();
        }
    }

    /** Marks the member active that day, with {@code posts} more posts; the day's first mark counts them active. */
    private void active(DSLContext sql, LocalDate day, long memberId, long posts) {
        var row = DSL.and(DAY.eq(day), MEMBER_ID.eq(memberId));
        boolean known = posts > 0
                ? sql.update(t.active).set(POSTS, POSTS.plus(posts)).where(row).execute() == 1
                : sql.fetchExists(t.active, row);
        if (!known) {
            sql.insertInto(t.active, DAY, MEMBER_ID, POSTS).values(day, memberId, posts).execute();
            count(sql, day, 0, "active", 1);
        }
    }
}
