package hearth.api.data;

import hearth.api.events.DomainEvent;
import org.jooq.DSLContext;

/**
 * One open transaction of {@link PluginDatabase#transaction}: the plugin's own writes, the domain events it records
 * and the core changes it asks for through {@link hearth.api.moderation.ModerationActions} commit together or not at
 * all. Listeners receive the recorded events after the commit.
 */
public interface PluginTransaction {

    /** SQL on the plugin's own tables, in this transaction. */
    DSLContext sql();

    /**
     * Records a domain event in the journal, in this transaction. Only the event types of {@code hearth.api.events}
     * can be recorded, as every plugin must be able to read them back.
     */
    void record(DomainEvent event);
}
