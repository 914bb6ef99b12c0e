package hearth.plugins.welcome;

import hearth.api.data.PluginDatabase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The newcomers list, stored in the plugin's own table {@code welcome_banner_newcomers} (created by
 * {@code V001__newcomers.sql}). Plugin tables have no generated jOOQ classes, so the table and its columns are
 * named here once. Every method blocks: call it from page handlers and listeners, never from a slot renderer.
 */
final class Newcomers {

    /** The column holds UTC wall-clock time (DATETIME(6), like the core's); the code works with instants. */
    private static final DataType<Instant> UTC_INSTANT = SQLDataType.LOCALDATETIME(6).asConvertedDataType(
            Converter.ofNullable(LocalDateTime.class, Instant.class,
                    stored -> stored.toInstant(ZoneOffset.UTC),
                    instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));

    private static final Field<Long> MEMBER_ID = DSL.field(DSL.name("member_id"), SQLDataType.BIGINT.notNull());
    private static final Field<String> USERNAME = DSL.field(DSL.name("username"), SQLDataType.VARCHAR(20).notNull());
    private static final Field<String> DISPLAY_NAME =
            DSL.field(DSL.name("display_name"), SQLDataType.VARCHAR(60).notNull());
    private static final Field<Instant> JOINED_AT = DSL.field(DSL.name("joined_at"), UTC_INSTANT.notNull());

    private final PluginDatabase db;
    private final Table<Record> table;

    Newcomers(PluginDatabase db) {
        this.db = db;
        this.table = DSL.table(DSL.name(db.table("newcomers")));
    }

    /**
     * Adds a newcomer unless they are listed already. Listeners get each event at least once, so the same member may
     * come twice; {@code INSERT ... SELECT ... WHERE NOT EXISTS} makes the second time a no-op on both MariaDB and H2.
     */
    void add(Newcomer newcomer) {
        db.write(sql -> sql.insertInto(table, MEMBER_ID, USERNAME, DISPLAY_NAME, JOINED_AT)
                .select(DSL.select(DSL.val(newcomer.memberId(), MEMBER_ID), DSL.val(newcomer.username(), USERNAME),
                                DSL.val(newcomer.displayName(), DISPLAY_NAME), DSL.val(newcomer.joinedAt(), JOINED_AT))
                        .whereNotExists(DSL.selectOne().from(table).where(MEMBER_ID.eq(newcomer.memberId()))))
                .execute());
    }

    /** Forgets a member (they deleted their account); nothing happens if they are not listed. */
    void remove(long memberId) {
        db.write(sql -> sql.deleteFrom(table).where(MEMBER_ID.eq(memberId)).execute());
    }

    /** The {@code limit} most recent newcomers, newest first. */
    List<Newcomer> newest(int limit) {
        return db.read(sql -> sql.select(MEMBER_ID, USERNAME, DISPLAY_NAME, JOINED_AT)
                .from(table)
                .orderBy(JOINED_AT.desc(), MEMBER_ID.desc())
                .limit(limit)
                .fetch(row -> new Newcomer(row.value1(), row.value2(), row.value3(), row.value4())));
    }

    /** How many newcomers are listed. */
    int count() {
        return db.read(sql -> sql.fetchCount(table));
    }

    /** Empties the list; later joins are listed again. */
    void clear() {
        db.write(sql -> sql.deleteFrom(table).execute());
    }
}
