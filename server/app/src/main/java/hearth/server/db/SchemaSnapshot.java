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
     * Drops what the schema has gained since this snapshot: new tables first (retrying while foreign keys between
     * them make the order matter), then the new columns and indexes of old tables. Returns what could not be undone;
     * if anything of this snapshot was renamed or dropped, nothing is touched, since what looks new may hold old data.
     */
    List<String> undoAdditions(Connection connection, SQLDialect dialect) throws SQLException {
        SchemaSnapshot after = take(connection);
        List<String> gone = vanished(after);
        if (!gone.isEmpty()) {
            return gone.stream().map(what -> what + " was renamed or dropped").toList();
        }
        DSLContext sql = DSL.using(connection, dialect);
        List<String> addedTables = new ArrayList<>(after.columns.keySet());
        addedTables.removeAll(columns.keySet());
        boolean progress = true;
        while (!addedTables.isEmpty() && progress) {
            progress = addedTables.removeIf(table -> succeeds(() -> sql.dropTable(DSL.name(table)).execute()));
        }
        List<String> failures = new ArrayList<>();
        addedTables.forEach(t -> failures.add("table " + t));
        // Dropping tables also drops indexes their foreign keys needed, so look again.
        SchemaSnapshot now = take(connection);
        for (String table : columns.keySet()) {
            for (String index : added(now.indexes, indexes, table)) {
                if (!succeeds(() -> sql.dropIndex(DSL.name(index)).on(DSL.name(table)).execute())) {
                    failures.add("index " + index);
                }
            }
            for (String column : added(now.columns, columns, table)) {
                if (!succeeds(() -> sql.alterTable(DSL.name(table)).dropColumn(DSL.name(column)).execute())) {
                    failures.add("column " + table + "." + column);
                }
            }
        }
        return failures;
    }

    private static Set<String> added(Map<String, Set<String>> now, Map<String, Set<String>> before, String table) {
        Set<String> added = new LinkedHashSet<>(now.getOrDefault(table, Set.of()));
        added.removeAll(before.get(table));
        return added;
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

    private static boolean succeeds(Runnable drop) {
        try {
            drop.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
