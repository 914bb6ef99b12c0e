package hearth.api.events;

/**
 * Receives journal entries after their transaction has committed, one at a time and in journal order.
 *
 * <p>Delivery is at least once: after a crash or restart the entry that was being handled may come again, so a
 * listener must be idempotent (for example, upsert by {@link JournalEntry#position()}). A listener that throws gets
 * the same entry again later, with growing back-off; it does not hold up other listeners or any request. Listeners
 * run off the request threads and may block.
 */
@FunctionalInterface
public interface EventListener {

    /** Handles one entry; throwing means "not handled, try again later". */
    void on(JournalEntry entry) throws Exception;
}
