package hearth.server.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Plain queries against a test database, for checking what was really stored. */
public final class Sql {

    private Sql() {
    }

    /** The first row's columns as text (null stays null); fails when there is no row. */
    public static List<String> row(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), "no row for " + sql);
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }

    /** The first column of every row, as text. */
    public static List<String> column(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** The number in the first column of the first row (a count, an id). */
    public static long number(TestDatabase database, String sql) throws SQLException {
        return Long.parseLong(row(database, sql).getFirst());
    }

    public static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /** Runs a statement with {@code ?} parameters (an {@link Instant} is stored as UTC). */
    public static void change(TestDatabase database, String sql, Object... params) {
        try (Connection c = database.connect(); PreparedStatement st = prepare(c, sql, params)) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row, as text (null if there is no row or it is NULL). */
    public static String value(TestDatabase database, String sql, Object... params) {
        try (Connection c = database.connect(); PreparedStatement st = prepare(c, sql, params);
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row, as text, for a statement with {@code ?} parameters. */
    public static List<String> values(TestDatabase database, String sql, Object... params) {
        try (Connection c = database.connect(); PreparedStatement st = prepare(c, sql, params);
             ResultSet rs = st.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every column of the first row, as text (empty if there is no row). */
    public static List<String> firstRow(TestDatabase database, String sql, Object... params) {
        try (Connection c = database.connect(); PreparedStatement st = prepare(c, sql, params);
             ResultSet rs = st.executeQuery()) {
            List<String> values = new ArrayList<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            st.setObject(i + 1, p instanceof Instant at ? Timestamp.valueOf(LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                    : p);
        }
        return st;
    }
}
