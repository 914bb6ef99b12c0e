package hearth.api.data;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Transactions on the plugin's own tables, with jOOQ. The tables come from the plugin's migrations
 * ({@code hearth-plugin/<id>/db/migration/V###__name.sql}, run when the plugin is first enabled or upgraded) and are
 * named {@code <id_snake>_*}. Calls block: use them from page handlers, listeners and tasks. Write SQL both MariaDB
 * and H2 (MODE=MariaDB) accept; jOOQ renders the right dialect.
 */
public interface PluginDatabase {

    /** Runs {@code work} (reads) on a pooled connection in auto-commit mode and returns its result. */
    <T> T read(Function<DSLContext, T> work);

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    <T> T write(Function<DSLContext, T> work);

    /**
     * Runs {@code work} in one transaction in which it may also record domain events and make core changes through
     * {@link hearth.api.moderation.ModerationActions}: all of it is committed if it returns, rolled back if it throws.
     *
     * @since 1.1.0
     */
    <T> T transaction(Function<PluginTransaction, T> work);

    /** The full name of one of the plugin's tables: {@code table("seen")} is {@code welcome_banner_seen}. */
    String table(String name);
}
