package hearth.bench.generate;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Table;

/**
 * Multi-row inserts of one table, hundreds of rows per statement: the bulk path that makes a million posts a matter
 * of minutes. Rows wait until {@link #flush}, so the caller decides the order tables are written in (parents first).
 */
final class Rows {

    /** MariaDB takes at most 65,535 placeholders per statement. */
    private static final int MAX_PLACEHOLDERS = 60_000;

    private final Table<?> table;
    private final List<Field<?>> fields;
    private final List<Object[]> pending = new ArrayList<>();
    private long written;

    Rows(Table<?> table, Field<?>... fields) {
        this.table = table;
        this.fields = List.of(fields);
    }

    void add(Object... values) {
        if (values.length != fields.size()) {
            throw new IllegalArgumentException(table.getName() + ": " + values.length + " values for "
                    + fields.size() + " columns");
        }
        pending.add(values);
    }

    void flush(DSLContext sql) {
        int perStatement = Math.min(1_000, MAX_PLACEHOLDERS / fields.size());
        for (int from = 0; from < pending.size(); from += perStatement) {
            @SuppressWarnings("unchecked")
            InsertValuesStepN<?> insert = sql.insertInto((Table<org.jooq.Record>) table, fields);
            for (Object[] row : pending.subList(from, Math.min(pending.size(), from + perStatement))) {
                insert = insert.values(row);
            }
            insert.execute();
        }
        written += pending.size();
        pending.clear();
    }

    long written() {
        return written;
    }
}
