package hearth.server.plugins;

import hearth.server.db.Database;
import hearth.server.db.MigrationFailed;
import hearth.server.db.Migrations;
import hearth.server.db.Migrations.Migration;
import hearth.server.db.SqlScript;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;

/**
 * A plugin's SQL migrations ({@code hearth-plugin/<id>/db/migration/V###__name.sql} in its jar), kept in its own
 * history table {@code <id_snake>_schema_history}. Before anything runs, every table, index and constraint a script
 * names must carry the plugin's prefix, so a plugin cannot touch core tables; a failing migration is undone by the
 * core runner and the plugin does not start.
 */
final class PluginMigrations {

    private static final String NAME = "\\s+[`\"]?([A-Za-z0-9_]+)[`\"]?";
    private static final List<Pattern> NAMING = List.of(
            Pattern.compile("\\bcreate\\s+table(?:\\s+if\\s+not\\s+exists)?" + NAME),
            Pattern.compile("\\balter\\s+table" + NAME),
            Pattern.compile("\\bdrop\\s+table(?:\\s+if\\s+exists)?" + NAME),
            Pattern.compile("\\btruncate(?:\\s+table)?" + NAME),
            Pattern.compile("\\brename\\s+table" + NAME + "\\s+to" + NAME),
            Pattern.compile("\\binsert\\s+into" + NAME),
            Pattern.compile("\\breferences" + NAME),
            Pattern.compile("\\bconstraint" + NAME),
            Pattern.compile("\\bcreate\\s+(?:unique\\s+)?index(?:\\s+if\\s+not\\s+exists)?" + NAME + "\\s+on" + NAME),
            Pattern.compile("\\bdrop\\s+index(?:\\s+if\\s+exists)?" + NAME),
            Pattern.compile("^\\s*update" + NAME),
            Pattern.compile("^\\s*delete\\s+from" + NAME));

    private final Database db;
    private final Clock clock;

    PluginMigrations(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Runs the plugin's pending migrations; returns how many ran. */
    int apply(PluginManifest plugin, ClassLoader loader) {
        List<Migration> scripts = Migrations.fromClasspath(loader, "hearth-plugin/" + plugin.id() + "/db/migration");
        for (Migration script : scripts) {
            checkNames(plugin, script);
        }
        return new Migrations(plugin.tablePrefix() + "schema_history", scripts, db.dialect(), clock)
                .apply(db.dataSource());
    }

    static void checkNames(PluginManifest plugin, Migration script) {
        for (String statement : SqlScript.statements(script.script())) {
            String sql = statement.toLowerCase(Locale.ROOT);
            for (Pattern naming : NAMING) {
                Matcher m = naming.matcher(sql);
                while (m.find()) {
                    for (int group = 1; group <= m.groupCount(); group++) {
                        if (!m.group(group).startsWith(plugin.tablePrefix())) {
                            throw new MigrationFailed("Migration " + script.file() + " of plugin " + plugin.id()
                                    + " names \"" + m.group(group) + "\"; a plugin's tables, indexes and constraints"
                                    + " must start with " + plugin.tablePrefix() + ". Nothing was run.", null);
                        }
                    }
                }
            }
        }
    }

    /** Drops every table whose name starts with {@code prefix}, its history table included. */
    void dropTables(String prefix) {
        db.query(sql -> sql.connectionResult(connection -> {
            List<String> tables = tablesStartingWith(connection, prefix);
            boolean progress = true;
            while (!tables.isEmpty() && progress) { // foreign keys between them may need another order
                progress = tables.removeIf(table -> {
                    try {
                        DSL.using(connection, db.dialect()).dropTable(DSL.name(table)).execute();
                        return true;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
            }
            if (!tables.isEmpty()) {
                throw new IllegalStateException("Could not drop " + String.join(", ", tables));
            }
            return null;
        }));
    }

    private static List<String> tablesStartingWith(Connection connection, String prefix) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> out = new ArrayList<>();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
