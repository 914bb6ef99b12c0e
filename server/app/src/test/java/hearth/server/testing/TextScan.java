package hearth.server.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Looks for a piece of text in every text column of every table: proof that something was really erased. */
public final class TextScan {

    private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB);

    private TextScan() {
    }

    /**
     * Like {@link #find}, but gives plugins' listeners (which erase their copies after the deletion commits, from
     * the journal) up to 10 seconds: the places still holding {@code needle} then, empty once it is gone.
     */
    public static List<String> findAfterListeners(TestDatabase db, String needle) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> found = find(db, needle);
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            found = find(db, needle);
        }
        return found;
    }

    /** The {@code table.column}s where {@code needle} occurs (any case), with how many rows hold it. */
    public static List<String> find(TestDatabase db, String needle) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = db.connect()) {
            List<String[]> columns = new ArrayList<>();
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    if (TEXT.contains(rs.getInt("DATA_TYPE"))) {
                        columns.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
            }
            if (columns.size() < 10) {
                throw new AssertionError("The scan sees too few text columns to prove anything: " + columns.size());
            }
            for (String[] column : columns) {
                try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + column[0] + " WHERE LOWER("
                        + column[1] + ") LIKE ?")) {
                    st.setString(1, "%" + needle.toLowerCase(Locale.ROOT) + "%");
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1] + " (" + rs.getLong(1) + ")");
                        }
                    }
                }
            }
        }
        return found;
    }
}
