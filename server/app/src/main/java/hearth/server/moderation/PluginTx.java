package hearth.server.moderation;

import hearth.api.data.PluginTransaction;
import hearth.api.events.DomainEvent;
import hearth.server.db.Tx;
import org.jooq.DSLContext;

/** A plugin's view of one core transaction: the core's changes made through it commit with the plugin's own. */
public record PluginTx(Tx tx) implements PluginTransaction {

    @Override
    public DSLContext sql() {
        return tx.sql();
    }

    @Override
    public void record(DomainEvent event) {
        if (!event.getClass().getPackageName().equals(DomainEvent.class.getPackageName())) {
            throw new IllegalArgumentException("Only the events of hearth.api.events can be recorded, not "
                    + event.getClass().getName());
        }
        tx.record(event);
    }

    /** The core transaction behind a plugin's; plugins only ever get theirs from the core. */
    public static Tx of(PluginTransaction tx) {
        if (tx instanceof PluginTx(Tx core)) {
            return core;
        }
        throw new IllegalArgumentException("Not a transaction the core opened: " + tx);
    }
}
