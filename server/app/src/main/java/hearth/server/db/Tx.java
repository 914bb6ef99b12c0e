package hearth.server.db;

import hearth.api.events.DomainEvent;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * One open transaction: SQL through {@link #sql()}, domain events through {@link #record}. The events are written to
 * the journal as the last step of the same transaction, so they exist exactly when the change does. Work that must
 * only see committed data (waking a mail sender, say) is handed to {@link #afterCommit}.
 */
public final class Tx {

    private final DSLContext sql;
    private final List<DomainEvent> events = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(DSLContext sql) {
        this.sql = sql;
    }

    public DSLContext sql() {
        return sql;
    }

    public void record(DomainEvent event) {
        events.add(event);
    }

    /**
     * Runs {@code step} once this transaction has committed, on the committing thread; never after a rollback. Keep
     * it short and non-blocking (a wake-up, not I/O): the change is already durable, so a step that throws is logged
     * and does not fail the transaction.
     */
    public void afterCommit(Runnable step) {
        afterCommit.add(step);
    }

    List<DomainEvent> events() {
        return events;
    }

    List<Runnable> afterCommitSteps() {
        return afterCommit;
    }
}
