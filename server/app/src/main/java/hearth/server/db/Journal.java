package hearth.server.db;

import static hearth.server.db.schema.tables.Journal.JOURNAL;
import static hearth.server.db.schema.tables.JournalHead.JOURNAL_HEAD;

import hearth.api.events.DomainEvent;
import hearth.api.events.JournalEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.Record4;

/**
 * The append-only log of domain events. Positions come from the single {@code journal_head} row, which the appending
 * transaction keeps locked until it commits: positions therefore become visible in order, with no gaps, and a
 * listener that reads "everything after my cursor" can never skip an event that commits late.
 */
public final class Journal {

    private final EventCodec codec;
    private final Clock clock;
    private final JournalSignal signal = new JournalSignal();

    public Journal(EventCodec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    void append(DSLContext sql, List<DomainEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        sql.update(JOURNAL_HEAD)
                .set(JOURNAL_HEAD.LAST_POSITION, JOURNAL_HEAD.LAST_POSITION.plus(events.size()))
                .where(JOURNAL_HEAD.ID.eq(1))
                .execute();
        long last = sql.select(JOURNAL_HEAD.LAST_POSITION).from(JOURNAL_HEAD).where(JOURNAL_HEAD.ID.eq(1))
                .fetchSingle().value1();
        long position = last - events.size();
        Instant now = clock.instant();
        InsertValuesStep4<?, Long, String, String, Instant> insert = sql.insertInto(JOURNAL,
                JOURNAL.POSITION, JOURNAL.EVENT_TYPE, JOURNAL.PAYLOAD, JOURNAL.RECORDED_AT);
        for (DomainEvent event : events) {
            insert = insert.values(++position, codec.typeName(event.getClass()), codec.encode(event), now);
        }
        insert.execute();
    }

    /** Entries after {@code position}, oldest first; an entry whose type is unknown here carries an {@link UnknownEvent}. */
    List<JournalEntry> readAfter(DSLContext sql, long position, int limit) {
        return sql.select(JOURNAL.POSITION, JOURNAL.EVENT_TYPE, JOURNAL.PAYLOAD, JOURNAL.RECORDED_AT)
                .from(JOURNAL)
                .where(JOURNAL.POSITION.gt(position))
                .orderBy(JOURNAL.POSITION)
                .limit(limit)
                .fetch(this::entry);
    }

    private JournalEntry entry(Record4<Long, String, String, Instant> row) {
        DomainEvent event = codec.decode(row.value2(), row.value3()).orElseGet(() -> new UnknownEvent(row.value2()));
        return new JournalEntry(row.value1(), row.value4(), event);
    }

    /**
     * Rewrites earlier entries of one type in place, inside {@code tx}: the way to erase personal data (a member
     * deleting their account) from a log that is otherwise append-only. Entries keep their positions, so cursors stay
     * valid; replaying them afterwards no longer shows what was erased. Listeners that handled them before learn of
     * the erasure from the event the same transaction records. Only entries whose payload contains {@code hint} (a
     * cheap pre-filter, e.g. {@code "memberId":17}) are decoded; {@code which} decides. Returns how many changed.
     */
    public <E extends DomainEvent> int redact(Tx tx, Class<E> type, String hint, Predicate<E> which,
                                              UnaryOperator<E> redacted) {
        int changed = 0;
        for (var row : tx.sql().select(JOURNAL.POSITION, JOURNAL.PAYLOAD).from(JOURNAL)
                .where(JOURNAL.EVENT_TYPE.eq(codec.typeName(type)), JOURNAL.PAYLOAD.contains(hint))
                .forUpdate()
                .fetch()) {
            DomainEvent event = codec.decode(codec.typeName(type), row.value2()).orElse(null);
            if (type.isInstance(event) && which.test(type.cast(event))) {
                tx.sql().update(JOURNAL)
                        .set(JOURNAL.PAYLOAD, codec.encode(redacted.apply(type.cast(event))))
                        .where(JOURNAL.POSITION.eq(row.value1()))
                        .execute();
                changed++;
            }
        }
        return changed;
    }

    JournalSignal signal() {
        return signal;
    }

    /** Stands in for an event whose type is not registered (its plugin is not loaded); listeners never see it. */
    record UnknownEvent(String type) implements DomainEvent {
    }
}
