package hearth.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import hearth.server.db.Migrations.Migration;
import hearth.server.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration runner on the real database (H2 or MariaDB). */
class MigrationsTest {

    @TempDir
    Path dir;
    TestDatabase db;
    HikariDataSource pool;

    private static final Migration GARDENS = new Migration(1, "V001__gardens.sql", """
            -- a comment; with a semicolon
            CREATE TABLE gardens (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL);
            INSERT INTO gardens (id, name) VALUES (1, 'Riverside; east bank');
            """);

    @BeforeEach
    void open() {
        db = TestDatabase.fresh(dir);
        pool = new HikariDataSource();
        pool.setJdbcUrl(db.directUrl());
        pool.setUsername(db.user());
    }

    @AfterEach
    void close() {
        pool.close();
        db.close();
    }

    private Migrations migrations(Migration... files) {
        SQLDialect dialect = TestDatabase.onMariaDb() ? SQLDialect.MARIADB : SQLDialect.H2;
        return new Migrations("test_history", List.of(files), dialect, Clock.systemUTC());
    }

    @Test
    void appliesPendingMigrationsOnceInVersionOrder() throws SQLException {
        Migration beds = new Migration(2, "V002__beds.sql", "ALTER TABLE gardens ADD COLUMN beds INT NOT NULL DEFAULT 4;");
        assertEquals(2, migrations(beds, GARDENS).apply(pool));
        assertEquals(0, migrations(GARDENS, beds).apply(pool), "nothing left to do");
        assertEquals(List.of("Riverside; east bank|4"), rows("SELECT name, beds FROM gardens"));
        assertEquals(List.of("1|V001__gardens.sql", "2|V002__beds.sql"),
                rows("SELECT version, file FROM test_history ORDER BY version"));
    }

    @Test
    void aFailingMigrationLeavesTheDatabaseAsItWasAndSaysWhere() throws SQLException {
        migrations(GARDENS).apply(pool);
        List<String> tablesBefore = tables();
        Migration broken = new Migration(2, "V002__broken.sql", """
                CREATE TABLE plots (id BIGINT NOT NULL PRIMARY KEY, garden_id BIGINT NOT NULL,
                  CONSTRAINT plots_garden FOREIGN KEY (garden_id) REFERENCES gardens (id));
                CREATE TABLE harvests (id BIGINT NOT NULL PRIMARY KEY, plot_id BIGINT NOT NULL,
                  CONSTRAINT harvests_plot FOREIGN KEY (plot_id) REFERENCES plots (id));
                ALTER TABLE gardens ADD COLUMN soil VARCHAR(20) NULL;
                CREATE INDEX gardens_name ON gardens (name);
                UPDATE gardens SET name = 'renamed';
                INSERT INTO no_such_table (x) VALUES (1);
                """);
        MigrationFailed failure = assertThrows(MigrationFailed.class, () -> migrations(GARDENS, broken).apply(pool));
        assertTrue(failure.getMessage().startsWith("Migration V002__broken.sql failed at statement 6 "
                + "(INSERT INTO no_such_table (x) VALUES (1)): "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("The database was left as it was."), failure.getMessage());

        assertEquals(tablesBefore, tables(), "the new tables are gone");
        assertEquals(List.of("id", "name"), columns("gardens"), "the new column is gone");
        assertFalse(indexes("gardens").contains("gardens_name"), "the new index is gone");
        assertEquals(List.of("Riverside; east bank"), rows("SELECT name FROM gardens"), "the update was rolled back");
        assertEquals(List.of("1"), rows("SELECT version FROM test_history"), "not recorded as applied");

        // Fixed, it applies cleanly on the next start.
        Migration fixed = new Migration(2, "V002__broken.sql", "ALTER TABLE gardens ADD COLUMN soil VARCHAR(20) NULL;");
        assertEquals(1, migrations(GARDENS, fixed).apply(pool));
    }

    @Test
    void aRenameBeforeTheFailureIsNotMistakenForSomethingNew() throws SQLException {
        migrations(GARDENS).apply(pool);
        Migration renaming = new Migration(2, "V002__rename.sql", """
                ALTER TABLE gardens RENAME TO allotments;
                INSERT INTO no_such_table (x) VALUES (1);
                """);
        MigrationFailed failure = assertThrows(MigrationFailed.class, () -> migrations(GARDENS, renaming).apply(pool));
        assertTrue(failure.getMessage().contains("Could not undo: table gardens was renamed or dropped; restore a "
                + "backup."), failure.getMessage());
        assertEquals(List.of("Riverside; east bank"), rows("SELECT name FROM allotments"), "the data was not dropped");
    }

    @Test
    void refusesAChangedMigrationAndADatabaseNewerThanTheCode() {
        migrations(GARDENS, new Migration(2, "V002__x.sql", "CREATE TABLE x (id INT);")).apply(pool);
        Migration edited = new Migration(1, "V001__gardens.sql", GARDENS.script() + "\n-- edited\n");
        MigrationFailed changed = assertThrows(MigrationFailed.class,
                () -> migrations(edited, new Migration(2, "V002__x.sql", "CREATE TABLE x (id INT);")).apply(pool));
        assertEquals("Migration V001__gardens.sql was changed after it was applied; restore the original file and "
                + "put the change in a new migration.", changed.getMessage());
        MigrationFailed newer = assertThrows(MigrationFailed.class, () -> migrations(GARDENS).apply(pool));
        assertTrue(newer.getMessage().startsWith("The database has migration 2 applied, which this version of Hearth "
                + "does not know"), newer.getMessage());
    }

    @Test
    void theCoreMigrationsAreReadFromTheClassPath() {
        List<Migration> core = Migrations.fromClasspath(getClass().getClassLoader(), "db/migration");
        assertFalse(core.isEmpty());
        assertEquals(1, core.getFirst().version());
        assertTrue(core.getFirst().script().contains("CREATE TABLE journal"));
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private List<String> tables() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return List.copyOf(SchemaSnapshot.take(c).columns().keySet()).stream().sorted().toList();
        }
    }

    private List<String> columns(String table) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return List.copyOf(SchemaSnapshot.take(c).columns().get(table));
        }
    }

    private List<String> indexes(String table) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return List.copyOf(SchemaSnapshot.take(c).indexes().get(table));
        }
    }
}
