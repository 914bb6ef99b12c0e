package hearth.server.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** What a database holds right now, read from its metadata: the tables (core and plugins'), their migrations. */
final class Schema {

    static final String HISTORY_SUFFIX = "schema_history";

    private Schema() {
    }

    /** Every table in the connection's database, in name order. */
    static List<String> tables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        TreeSet<String> names = new TreeSet<>();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(names);
    }

    /** A migration history table: the core's {@code schema_history} or a plugin's {@code <prefix>schema_history}. */
    static boolean isHistory(String table) {
        return table.endsWith(HISTORY_SUFFIX);
    }

    /** The migration versions recorded in a history table. */
    static TreeSet<Integer> versions(Connection connection, String historyTable) throws SQLException {
        TreeSet<Integer> versions = new TreeSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + quote(historyTable))) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    /** Backticks: MariaDB's quotes, which H2 accepts in its MariaDB mode. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
