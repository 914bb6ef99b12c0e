package hearth.plugins.analytics.rollup;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The roll-up rows as {@link Rollups} counts into them: in the database as the journal comes ({@link SqlStore}), or
 * in memory while a rebuild counts every kept fact, written at its end ({@link MemoryStore}). Counting goes through
 * the same code either way, so a rebuild gives what following the journal gave.
 */
interface RollupStore {

    /** A member's joining, first post, first volunteer role and first day active (null: not seen). */
    record Member(long id, Instant joinedAt, Instant firstPostAt, Instant volunteerAt, LocalDate firstActiveOn) {

        static Member seen(long id) {
            return new Member(id, null, null, null, null);
        }

        Member joined(Instant at) {
            return new Member(id, at, firstPostAt, volunteerAt, firstActiveOn);
        }

        Member posted(Instant at) {
            return new Member(id, joinedAt, at, volunteerAt, firstActiveOn);
        }

        Member volunteered(Instant at) {
            return new Member(id, joinedAt, firstPostAt, at, firstActiveOn);
        }

        Member active(LocalDate day) {
            return new Member(id, joinedAt, firstPostAt, volunteerAt, day);
        }
    }

    /** A topic, its first reply by someone else and accepted answer (null: none). */
    record Topic(long id, long categoryId, long authorId, Instant createdAt, Instant firstReplyAt, boolean hidden,
                 boolean question, Long acceptedPostId) {
    }

    /** A flag and when it was settled (null: open). */
    record Flag(long id, Instant raisedAt, Instant resolvedAt) {
    }

    /** An event. */
    record Event(long id, Instant startsAt, boolean cancelled) {
    }

    /** A member's answer to an event and their check-in. */
    record Rsvp(long eventId, long memberId, boolean going, boolean checkedIn) {
    }

    /** Adds {@code by} to a daily metric (category 0: the whole site). */
    void count(LocalDate day, long categoryId, String metric, long by);

    /** Adds {@code posts} to the member's day; true when it is their first activity that day. */
    boolean active(LocalDate day, long memberId, long posts);

    Member member(long id);

    Topic topic(long id);

    Flag flag(long id);

    Event event(long id);

    Rsvp rsvp(long eventId, long memberId);

    /** Stores a row: a new one, or the new state of one read before. */
    void put(Member member);

    void put(Topic topic);

    void put(Flag flag);

    void put(Event event);

    void put(Rsvp rsvp);
}
