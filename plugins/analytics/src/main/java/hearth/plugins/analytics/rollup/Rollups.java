package hearth.plugins.analytics.rollup;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.data.PluginDatabase;
import hearth.plugins.analytics.rollup.RollupStore.Event;
import hearth.plugins.analytics.rollup.RollupStore.Flag;
import hearth.plugins.analytics.rollup.RollupStore.Member;
import hearth.plugins.analytics.rollup.RollupStore.Rsvp;
import hearth.plugins.analytics.rollup.RollupStore.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The daily roll-ups, kept up to date one fact at a time as the journal comes, and rebuilt from the kept facts when
 * the site's time zone changes or an admin asks. Both go through {@link #apply}, in journal order (into the tables,
 * or into memory and then the tables), so a rebuild gives exactly what following the journal gave. Days that are
 * over are summarised ({@link ClosedDays}); a fact that changes one drops its summary ({@link SqlStore}). One lock
 * keeps a rebuild, the summarising and the listener apart.
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
                    apply(new SqlStore(sql, t, closed, zone), fact, zone);
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
                MemoryStore counted = new MemoryStore();
                long after = -1;
                while (true) {
                    List<Fact> page = sql.select(POSITION, KIND, AT, MEMBER_ID, TOPIC_ID, CATEGORY_ID, REF_ID, ANSWER)
                            .from(t.facts).where(POSITION.gt(after)).orderBy(POSITION).limit(PAGE)
                            .fetch(r -> new Fact(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                                    r.value6(), r.value7(), r.value8()));
                    for (Fact fact : page) {
                        apply(counted, fact, zone);
                    }
                    if (page.size() < PAGE) {
                        counted.writeTo(sql, t);
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

    private void apply(RollupStore store, Fact fact, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(fact.at(), zone);
        long memberId = fact.memberId();
        switch (fact.kind()) {
            case Fact.JOIN -> {
                store.count(day, 0, "members", 1);
                Member known = store.member(memberId);
                store.put((known == null ? Member.seen(memberId) : known).joined(fact.at()));
                if (known != null && known.joinedAt() == null && known.firstPostAt() != null) {
                    activated(store, fact.at(), known.firstPostAt(), zone);
                }
            }
            case Fact.TOPIC -> {
                store.count(day, 0, "topics", 1);
                store.count(day, fact.categoryId(), "topics", 1);
                if (store.topic(fact.topicId()) == null) {
                    store.put(new Topic(fact.topicId(), fact.categoryId(), memberId, fact.at(), null, false,
                            fact.refId() == 1, null));
                }
            }
            case Fact.POST -> {
                store.count(day, 0, "posts", 1);
                store.count(day, fact.categoryId(), "posts", 1);
                if (fact.refId() > 1) {
                    store.count(day, 0, "replies", 1);
                    store.count(day, fact.categoryId(), "replies", 1);
                    Topic topic = store.topic(fact.topicId());
                    if (topic != null && topic.firstReplyAt() == null && topic.authorId() != memberId) {
                        store.put(new Topic(topic.id(), topic.categoryId(), topic.authorId(), topic.createdAt(),
                                fact.at(), topic.hidden(), topic.question(), topic.acceptedPostId()));
                    }
                }
                active(store, day, memberId, 1);
                firstPost(store, fact, day, zone);
            }
            case Fact.LIKE -> {
                store.count(day, 0, "likes", 1);
                active(store, day, memberId, 0);
            }
            case Fact.UNLIKE -> store.count(day, 0, "likes", -1);
            case Fact.FLAG -> {
                store.count(day, 0, "flags", 1);
                active(store, day, memberId, 0);
                if (store.flag(fact.refId()) == null) {
                    store.put(new Flag(fact.refId(), fact.at(), null));
                }
            }
            case Fact.RESOLVE -> {
                store.count(day, 0, "resolved", 1);
                Flag flag = store.flag(fact.refId());
                if (flag != null && flag.resolvedAt() == null) {
                    store.put(new Flag(flag.id(), flag.raisedAt(), fact.at()));
                }
            }
            case Fact.VOLUNTEER -> {
                Member known = store.member(memberId);
                if (known == null) {
                    store.put(Member.seen(memberId).volunteered(fact.at()));
                } else if (known.volunteerAt() == null) {
                    store.put(known.volunteered(fact.at()));
                }
            }
            case Fact.EVENT -> {
                if (store.event(fact.refId()) == null) {
                    store.put(new Event(fact.refId(), fact.at(), false));
                }
            }
            case Fact.CANCEL -> {
                Event event = store.event(fact.refId());
                if (event != null) {
                    store.put(new Event(event.id(), event.startsAt(), true));
                }
            }
            case Fact.RSVP, Fact.CHECKIN -> {
                Rsvp known = store.rsvp(fact.refId(), memberId);
                boolean going = known != null && known.going();
                boolean checkedIn = known != null && known.checkedIn();
                store.put(Fact.RSVP.equals(fact.kind())
                        ? new Rsvp(fact.refId(), memberId, "going".equals(fact.answer()), checkedIn)
                        : new Rsvp(fact.refId(), memberId, going, true));
            }
            case Fact.HIDE -> updateTopic(store, fact.topicId(), topic -> new Topic(topic.id(), topic.categoryId(),
                    topic.authorId(), topic.createdAt(), topic.firstReplyAt(), true, topic.question(),
                    topic.acceptedPostId()));
            // Accepting another reply replaces the answer without clearing the old one first; clearing a reply
            // that is no longer the answer changes nothing.
            case Fact.ACCEPT -> updateTopic(store, fact.topicId(), topic -> new Topic(topic.id(),
                    topic.categoryId(), topic.authorId(), topic.createdAt(), topic.firstReplyAt(), topic.hidden(),
                    topic.question(), fact.refId()));
            case Fact.UNACCEPT -> updateTopic(store, fact.topicId(), topic ->
                    Long.valueOf(fact.refId()).equals(topic.acceptedPostId()) ? new Topic(topic.id(),
                            topic.categoryId(), topic.authorId(), topic.createdAt(), topic.firstReplyAt(),
                            topic.hidden(), topic.question(), null) : topic);
            default -> throw new IllegalStateException("Unknown kind of fact: " + fact.kind());
        }
    }

    private static void updateTopic(RollupStore store, long topicId, UnaryOperator<Topic> change) {
        Topic topic = store.topic(topicId);
        Topic changed = topic == null ? null : change.apply(topic);
        if (changed != null && !changed.equals(topic)) {
            store.put(changed);
        }
    }

    /** Counts a member's first post: a new contributor that day, and activated on the day they joined if soon. */
    private static void firstPost(RollupStore store, Fact fact, LocalDate day, ZoneId zone) {
        Member known = store.member(fact.memberId());
        if (known != null && known.firstPostAt() != null) {
            return;
        }
        store.put((known == null ? Member.seen(fact.memberId()) : known).posted(fact.at()));
        store.count(day, 0, "contributors", 1);
        if (known != null && known.joinedAt() != null) {
            activated(store, known.joinedAt(), fact.at(), zone);
        }
    }

    private static void activated(RollupStore store, Instant joinedAt, Instant firstPostAt, ZoneId zone) {
        if (Duration.between(joinedAt, firstPostAt).compareTo(ACTIVATION) <= 0) {
            store.count(LocalDate.ofInstant(joinedAt, zone), 0, "activated", 1);
        }
    }

    /**
     * Marks the member active that day, with {@code posts} more posts; the day's first mark counts them active, and
     * notes the member's first day active (a late entry for an earlier day moves it back).
     */
    private static void active(RollupStore store, LocalDate day, long memberId, long posts) {
        if (store.active(day, memberId, posts)) {
            store.count(day, 0, "active", 1);
            Member known = store.member(memberId);
            if (known == null || known.firstActiveOn() == null || day.isBefore(known.firstActiveOn())) {
                store.put((known == null ? Member.seen(memberId) : known).active(day));
            }
        }
    }
}
