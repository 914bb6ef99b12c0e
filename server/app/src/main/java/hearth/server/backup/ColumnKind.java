package hearth.server.backup;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * The portable type of a dumped column: how its values are written as JSON and bound again on restore, whatever the
 * database on either side (H2 or MariaDB).
 */
enum ColumnKind {
    INT, DECIMAL, DOUBLE, BOOL, TEXT, BYTES, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ;

    static ColumnKind of(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INT;
            case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> DOUBLE;
            case Types.BIT, Types.BOOLEAN -> BOOL;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
            case Types.DATE -> DATE;
            case Types.TIME -> TIME;
            case Types.TIMESTAMP -> TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
            default -> TEXT;
        };
    }

    /** The value of column {@code i} as a JSON value: a number, boolean or string, or null. */
    Object read(ResultSet rs, int i) throws SQLException {
        Object value = switch (this) {
            case INT -> rs.getLong(i);
            case DECIMAL -> text(rs.getBigDecimal(i) == null ? null : rs.getBigDecimal(i).toPlainString());
            case DOUBLE -> rs.getDouble(i);
            case BOOL -> rs.getBoolean(i);
            case TEXT -> rs.getString(i);
            case BYTES -> bytes(rs.getBytes(i));
            case DATE -> text(rs.getObject(i, LocalDate.class));
            case TIME -> text(rs.getObject(i, LocalTime.class));
            case TIMESTAMP -> text(rs.getObject(i, LocalDateTime.class));
            case TIMESTAMP_TZ -> text(rs.getObject(i, OffsetDateTime.class));
        };
        return rs.wasNull() ? null : value;
    }

    /** Binds a value that {@link #read} wrote (after a JSON round trip) as parameter {@code i}. */
    void bind(PreparedStatement st, int i, Object json) throws SQLException {
        if (json == null) {
            st.setObject(i, null);
            return;
        }
        switch (this) {
            case INT -> st.setLong(i, ((Number) json).longValue());
            case DECIMAL -> st.setBigDecimal(i, new BigDecimal((String) json));
            case DOUBLE -> st.setDouble(i, ((Number) json).doubleValue());
            case BOOL -> st.setBoolean(i, (Boolean) json);
            case TEXT -> st.setString(i, (String) json);
            case BYTES -> st.setBytes(i, Base64.getDecoder().decode((String) json));
            case DATE -> st.setObject(i, LocalDate.parse((String) json));
            case TIME -> st.setObject(i, LocalTime.parse((String) json));
            case TIMESTAMP -> st.setObject(i, LocalDateTime.parse((String) json));
            case TIMESTAMP_TZ -> st.setObject(i, OffsetDateTime.parse((String) json));
        }
    }

    private static String bytes(byte[] value) {
        return value == null ? null : Base64.getEncoder().encodeToString(value);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
