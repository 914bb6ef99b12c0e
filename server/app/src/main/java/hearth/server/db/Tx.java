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

    /** The transaction open on this thread, so code handed only a {@link DSLContext} can still wait for the commit. */
    static final ThreadLocal<Tx> OPEN = new ThreadLocal<>();

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

    /**
     * Runs {@code step} after the transaction open on this thread commits (see {@link #afterCommit}), or at once when
     * none is open: for services whose callers pass a {@link DSLContext} but whose followers must see committed data.
     */
    public static void afterCurrentCommit(Runnable step) {
        Tx open = OPEN.get();
        if (open != null) {
            open.afterCommit(step);
        } else {
            step.run();
        }
    }

    List<DomainEvent> events() {
        return events;
    }

    List<Runnable> afterCommitSteps() {
        return afterCommit;
    }
}
