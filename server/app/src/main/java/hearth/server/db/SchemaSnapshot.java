package hearth.server.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The tables, columns and indexes of the current schema. Neither MariaDB nor H2 can roll back DDL, so the migration
 * runner takes a snapshot before each migration and, if the migration fails, drops whatever it had added since.
 */
record SchemaSnapshot(Map<String, Set<String>> columns, Map<String, Set<String>> indexes) {

    static SchemaSnapshot take(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        Map<String, Set<String>> indexes = new LinkedHashMap<>();
        try (ResultSet tables = meta.getTables(catalog, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (tables.next()) {
                columns.put(tables.getString("TABLE_NAME"), new LinkedHashSet<>());
                indexes.put(tables.getString("TABLE_NAME"), new LinkedHashSet<>());
            }
        }
        for (String table : columns.keySet()) {
            try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
                while (rs.next()) {
                    columns.get(table).add(rs.getString("COLUMN_NAME"));
                }
            }
            try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        indexes.get(table).add(rs.getString("INDEX_NAME"));
                    }
                }
            }
        }
        return new SchemaSnapshot(columns, indexes);
    }

    /**
     * Drops what {@code after} has beyond this snapshot: new indexes, then new columns, then new tables (retrying
     * tables while foreign keys between them make the order matter). Returns what could not be undone.
     */
    List<String> undoAdditions(Connection connection, SchemaSnapshot after, SQLDialect dialect) {
        List<String> gone = vanished(after);
        if (!gone.isEmpty()) {
            // Something was renamed or dropped: what looks new may hold the old data, so touch nothing.
            return gone.stream().map(what -> what + " was renamed or dropped").toList();
        }
        DSLContext sql = DSL.using(connection, dialect);
        List<String> failures = new ArrayList<>();
        for (String table : columns.keySet()) {
            Set<String> addedIndexes = new LinkedHashSet<>(after.indexes.getOrDefault(table, Set.of()));
            addedIndexes.removeAll(indexes.get(table));
            for (String index : addedIndexes) {
                attempt(failures, "index " + index, () -> sql.dropIndex(DSL.name(index)).on(DSL.name(table)).execute());
            }
            Set<String> addedColumns = new LinkedHashSet<>(after.columns.getOrDefault(table, Set.of()));
            addedColumns.removeAll(columns.get(table));
            for (String column : addedColumns) {
                attempt(failures, "column " + table + "." + column,
                        () -> sql.alterTable(DSL.name(table)).dropColumn(DSL.name(column)).execute());
            }
        }
        List<String> addedTables = new ArrayList<>(after.columns.keySet());
        addedTables.removeAll(columns.keySet());
        boolean progress = true;
        while (!addedTables.isEmpty() && progress) {
            progress = addedTables.removeIf(table -> {
                try {
                    sql.dropTable(DSL.name(table)).execute();
                    return true;
                } catch (RuntimeException e) {
                    return false;
                }
            });
        }
        addedTables.forEach(t -> failures.add("table " + t));
        return failures;
    }

    private List<String> vanished(SchemaSnapshot after) {
        List<String> gone = new ArrayList<>();
        columns.forEach((table, names) -> {
            Set<String> now = after.columns.get(table);
            if (now == null) {
                gone.add("table " + table);
            } else {
                names.stream().filter(c -> !now.contains(c)).forEach(c -> gone.add("column " + table + "." + c));
            }
        });
        return gone;
    }

    private static void attempt(List<String> failures, String what, Runnable drop) {
        try {
            drop.run();
        } catch (RuntimeException e) {
            failures.add(what);
        }
    }
}
