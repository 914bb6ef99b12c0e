package hearth.plugins.analytics.rollup;

import static hearth.plugins.analytics.rollup.Tables.*;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The roll-ups in memory while a rebuild counts every kept fact, written to the (emptied) tables in a few large
 * inserts at the end: one statement per fact made a rebuild wait on the database a million times.
 */
final class MemoryStore implements RollupStore {

    private static final int ROWS_PER_INSERT = 500;

    private record Metric(LocalDate day, long categoryId, String metric) {
    }

    private record MemberDay(LocalDate day, long memberId) {
    }

    private record Answer(long eventId, long memberId) {
    }

    private final Map<Metric, long[]> daily = new HashMap<>();
    private final Map<MemberDay, long[]> active = new HashMap<>();
    private final Map<Long, Member> members = new HashMap<>();
    private final Map<Long, Topic> topics = new HashMap<>();
    private final Map<Long, Flag> flags = new HashMap<>();
    private final Map<Long, Event> events = new HashMap<>();
    private final Map<Answer, Rsvp> rsvps = new HashMap<>();

    @Override
    public void count(LocalDate day, long categoryId, String metric, long by) {
        daily.computeIfAbsent(new Metric(day, categoryId, metric), k -> new long[1])[0] += by;
    }

    @Override
    public boolean active(LocalDate day, long memberId, long posts) {
        long[] known = active.putIfAbsent(new MemberDay(day, memberId), new long[] {posts});
        if (known != null) {
            known[0] += posts;
        }
        return known == null;
    }

    @Override
    public Member member(long id) {
        return members.get(id);
    }

    @Override
    public Topic topic(long id) {
        return topics.get(id);
    }

    @Override
    public Flag flag(long id) {
        return flags.get(id);
    }

    @Override
    public Event event(long id) {
        return events.get(id);
    }

    @Override
    public Rsvp rsvp(long eventId, long memberId) {
        return rsvps.get(new Answer(eventId, memberId));
    }

    @Override
    public void put(Member member) {
        members.put(member.id(), member);
    }

    @Override
    public void put(Topic topic) {
        topics.put(topic.id(), topic);
    }

    @Override
    public void put(Flag flag) {
        flags.put(flag.id(), flag);
    }

    @Override
    public void put(Event event) {
        events.put(event.id(), event);
    }

    @Override
    public void put(Rsvp rsvp) {
        rsvps.put(new Answer(rsvp.eventId(), rsvp.memberId()), rsvp);
    }

    /** Writes everything counted into the roll-up tables, which must be empty. */
    void writeTo(DSLContext sql, Tables t) {
        insert(sql, t.daily, List.of(DAY, CATEGORY_ID, METRIC, AMOUNT), daily.entrySet().stream()
                .map(e -> List.<Object>of(e.getKey().day(), e.getKey().categoryId(), e.getKey().metric(),
                        e.getValue()[0])).toList());
        insert(sql, t.active, List.of(DAY, MEMBER_ID, POSTS), active.entrySet().stream()
                .map(e -> List.<Object>of(e.getKey().day(), e.getKey().memberId(), e.getValue()[0])).toList());
        insert(sql, t.members, List.of(MEMBER_ID, JOINED_AT, FIRST_POST_AT, VOLUNTEER_AT, FIRST_ACTIVE_ON),
                members.values().stream().map(m -> row(m.id(), m.joinedAt(), m.firstPostAt(), m.volunteerAt(),
                        m.firstActiveOn())).toList());
        insert(sql, t.topics, List.of(TOPIC_ID, CATEGORY_ID, AUTHOR_ID, CREATED_AT, FIRST_REPLY_AT, HIDDEN, QUESTION,
                ACCEPTED_POST_ID), topics.values().stream().map(topic -> row(topic.id(), topic.categoryId(),
                topic.authorId(), topic.createdAt(), topic.firstReplyAt(), topic.hidden(), topic.question(),
                topic.acceptedPostId())).toList());
        insert(sql, t.flags, List.of(FLAG_ID, RAISED_AT, RESOLVED_AT), flags.values().stream()
                .map(f -> row(f.id(), f.raisedAt(), f.resolvedAt())).toList());
        insert(sql, t.events, List.of(EVENT_ID, STARTS_AT, CANCELLED), events.values().stream()
                .map(e -> row(e.id(), e.startsAt(), e.cancelled())).toList());
        insert(sql, t.rsvps, List.of(EVENT_ID, MEMBER_ID, GOING, CHECKED_IN), rsvps.values().stream()
                .map(r -> row(r.eventId(), r.memberId(), r.going(), r.checkedIn())).toList());
    }

    /** A row of values, nulls allowed (List.of refuses them). */
    private static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    private static void insert(DSLContext sql, Table<Record> table, List<Field<?>> fields, List<List<Object>> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            var insert = sql.insertInto(table, fields);
            for (List<Object> row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT))) {
                insert = insert.values(row);
            }
            insert.execute();
        }
    }
}
