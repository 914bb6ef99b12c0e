package hearth.server.db;

import static hearth.server.db.schema.tables.Journal.JOURNAL;
import static hearth.server.db.schema.tables.JournalHead.JOURNAL_HEAD;

import hearth.api.events.DomainEvent;
import hearth.api.events.JournalEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

    JournalSignal signal() {
        return signal;
    }

    /** Stands in for an event whose type is not registered (its plugin is not loaded); listeners never see it. */
    record UnknownEvent(String type) implements DomainEvent {
    }
}
