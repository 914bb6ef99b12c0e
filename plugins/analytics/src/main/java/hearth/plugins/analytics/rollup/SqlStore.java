package hearth.plugins.analytics.rollup;

import static hearth.plugins.analytics.rollup.Tables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The roll-ups in the database, one statement or two per change: the journal listener's store. A change to a day
 * that is over (its members, or a topic started that day) drops the day's summary, to be kept again.
 */
final class SqlStore implements RollupStore {

    private final DSLContext sql;
    private final Tables t;
    private final ClosedDays closed;
    private final ZoneId zone;

    SqlStore(DSLContext sql, Tables tables, ClosedDays closed, ZoneId zone) {
        this.sql = sql;
        this.t = tables;
        this.closed = closed;
        this.zone = zone;
    }

    @Override
    public void count(LocalDate day, long categoryId, String metric, long by) {
        if (sql.update(t.daily).set(AMOUNT, AMOUNT.plus(by))
                .where(DAY.eq(day), CATEGORY_ID.eq(categoryId), METRIC.eq(metric)).execute() == 0) {
            sql.insertInto(t.daily, DAY, CATEGORY_ID, METRIC, AMOUNT).values(day, categoryId, metric, by).execute();
        }
    }

    @Override
    public boolean active(LocalDate day, long memberId, long posts) {
        var row = DSL.and(DAY.eq(day), MEMBER_ID.eq(memberId));
        boolean known = posts > 0
                ? sql.update(t.active).set(POSTS, POSTS.plus(posts)).where(row).execute() == 1
                : sql.fetchExists(t.active, row);
        if (!known) {
            sql.insertInto(t.active, DAY, MEMBER_ID, POSTS).values(day, memberId, posts).execute();
        }
        if (!known || posts > 0) {
            closed.reopen(sql, day);
        }
        return !known;
    }

    @Override
    public Member member(long id) {
        return sql.select(JOINED_AT, FIRST_POST_AT, VOLUNTEER_AT, FIRST_ACTIVE_ON).from(t.members)
                .where(MEMBER_ID.eq(id)).fetchOne(r -> new Member(id, r.value1(), r.value2(), r.value3(), r.value4()));
    }

    @Override
    public Topic topic(long id) {
        return sql.select(CATEGORY_ID, AUTHOR_ID, CREATED_AT, FIRST_REPLY_AT, HIDDEN, QUESTION, ACCEPTED_POST_ID)
                .from(t.topics).where(TOPIC_ID.eq(id))
                .fetchOne(r -> new Topic(id, r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }

    @Override
    public Flag flag(long id) {
        return sql.select(RAISED_AT, RESOLVED_AT).from(t.flags).where(FLAG_ID.eq(id))
                .fetchOne(r -> new Flag(id, r.value1(), r.value2()));
    }

    @Override
    public Event event(long id) {
        return sql.select(STARTS_AT, CANCELLED).from(t.events).where(EVENT_ID.eq(id))
                .fetchOne(r -> new Event(id, r.value1(), r.value2()));
    }

    @Override
    public Rsvp rsvp(long eventId, long memberId) {
        return sql.select(GOING, CHECKED_IN).from(t.rsvps).where(EVENT_ID.eq(eventId), MEMBER_ID.eq(memberId))
                .fetchOne(r -> new Rsvp(eventId, memberId, r.value1(), r.value2()));
    }

    @Override
    public void put(Member m) {
        if (sql.update(t.members).set(JOINED_AT, m.joinedAt()).set(FIRST_POST_AT, m.firstPostAt())
                .set(VOLUNTEER_AT, m.volunteerAt()).set(FIRST_ACTIVE_ON, m.firstActiveOn())
                .where(MEMBER_ID.eq(m.id())).execute() == 0) {
            sql.insertInto(t.members, MEMBER_ID, JOINED_AT, FIRST_POST_AT, VOLUNTEER_AT, FIRST_ACTIVE_ON)
                    .values(m.id(), m.joinedAt(), m.firstPostAt(), m.volunteerAt(), m.firstActiveOn()).execute();
        }
    }

    @Override
    public void put(Topic topic) {
        closed.reopen(sql, LocalDate.ofInstant(topic.createdAt(), zone));
        if (sql.update(t.topics).set(FIRST_REPLY_AT, topic.firstReplyAt()).set(HIDDEN, topic.hidden())
                .set(ACCEPTED_POST_ID, topic.acceptedPostId()).where(TOPIC_ID.eq(topic.id())).execute() == 0) {
            sql.insertInto(t.topics, TOPIC_ID, CATEGORY_ID, AUTHOR_ID, CREATED_AT, FIRST_REPLY_AT, HIDDEN, QUESTION,
                            ACCEPTED_POST_ID)
                    .values(topic.id(), topic.categoryId(), topic.authorId(), topic.createdAt(), topic.firstReplyAt(),
                            topic.hidden(), topic.question(), topic.acceptedPostId())
                    .execute();
        }
    }

    @Override
    public void put(Flag flag) {
        if (sql.update(t.flags).set(RESOLVED_AT, flag.resolvedAt()).where(FLAG_ID.eq(flag.id())).execute() == 0) {
            sql.insertInto(t.flags, FLAG_ID, RAISED_AT, RESOLVED_AT)
                    .values(flag.id(), flag.raisedAt(), flag.resolvedAt()).execute();
        }
    }

    @Override
    public void put(Event event) {
        if (sql.update(t.events).set(CANCELLED, event.cancelled()).where(EVENT_ID.eq(event.id())).execute() == 0) {
            sql.insertInto(t.events, EVENT_ID, STARTS_AT, CANCELLED)
                    .values(event.id(), event.startsAt(), event.cancelled()).execute();
        }
    }

    @Override
    public void put(Rsvp rsvp) {
        if (sql.update(t.rsvps).set(GOING, rsvp.going()).set(CHECKED_IN, rsvp.checkedIn())
                .where(EVENT_ID.eq(rsvp.eventId()), MEMBER_ID.eq(rsvp.memberId())).execute() == 0) {
            sql.insertInto(t.rsvps, EVENT_ID, MEMBER_ID, GOING, CHECKED_IN)
                    .values(rsvp.eventId(), rsvp.memberId(), rsvp.going(), rsvp.checkedIn()).execute();
        }
    }
}
