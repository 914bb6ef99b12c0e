package hearth.server.db;

import hearth.api.events.DomainEvent;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * One open transaction: SQL through {@link #sql()}, domain events through {@link #record}. The events are written to
 * the journal as the last step of the same transaction, so they exist exactly when the change does.
 */
public final class Tx {

    private final DSLContext sql;
    private final List<DomainEvent> events = new ArrayList<>();

    Tx(DSLContext sql) {
        this.sql = sql;
    }

    public DSLContext sql() {
        return sql;
    }

    public void record(DomainEvent event) {
        events.add(event);
    }

    List<DomainEvent> events() {
        return events;
    }
}
