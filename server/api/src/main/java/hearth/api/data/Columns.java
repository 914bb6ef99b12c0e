package hearth.api.data;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Column helpers for a plugin's own tables, which have no generated jOOQ classes: each table class names its
 * columns once with these, e.g. {@code Field<Instant> AT = Columns.instant("at")}.
 *
 * @since 1.2.0
 */
public final class Columns {

    /** UTC wall-clock time in DATETIME(6), like the core's; the code works with instants. */
    public static final DataType<Instant> UTC_INSTANT = SQLDataType.LOCALDATETIME(6).asConvertedDataType(
            Converter.ofNullable(LocalDateTime.class, Instant.class,
                    stored -> stored.toInstant(ZoneOffset.UTC),
                    instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));

    private Columns() {
    }

    /** A BIGINT column, such as an id. */
    public static Field<Long> id(String name) {
        return DSL.field(DSL.name(name), SQLDataType.BIGINT);
    }

    /** A VARCHAR or TEXT column. */
    public static Field<String> text(String name) {
        return DSL.field(DSL.name(name), SQLDataType.VARCHAR);
    }

    /** An INT column. */
    public static Field<Integer> number(String name) {
        return DSL.field(DSL.name(name), SQLDataType.INTEGER);
    }

    /** A BOOLEAN column. */
    public static Field<Boolean> flag(String name) {
        return DSL.field(DSL.name(name), SQLDataType.BOOLEAN);
    }

    /** A DATETIME(6) column holding UTC time, read and written as an {@link Instant}. */
    public static Field<Instant> instant(String name) {
        return DSL.field(DSL.name(name), UTC_INSTANT);
    }
}
