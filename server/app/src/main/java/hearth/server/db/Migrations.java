package hearth.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code V<number>__<description>.sql} files in version order and records each in a history table. A file
 * that was changed after it ran, or a database newer than the code, stops start-up. A failing migration is undone:
 * its row changes are rolled back and the tables, columns and indexes it added are dropped, so the database is left
 * as it was (DDL that drops or rewrites existing objects cannot be undone; put it in a migration of its own).
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    /** One migration file. */
    public record Migration(int version, String file, String script) {

        String checksum() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final String historyTable;
    private final List<Migration> migrations;
    private final SQLDialect dialect;
    private final Clock clock;

    public Migrations(String historyTable, List<Migration> migrations, SQLDialect dialect, Clock clock) {
        this.historyTable = historyTable;
        this.migrations = migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList();
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Reads the migrations in a class-path folder, whether it sits in a directory or inside a jar. */
    public static List<Migration> fromClasspath(ClassLoader loader, String folder) {
        URL url = loader.getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = openJar(uri)) {
                    return read(jar.getPath(folder));
                }
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migrations in " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Someone else has it open: read through a fresh one that we alone close.
            return FileSystems.newFileSystem(Path.of(URI.create(uri.toString().replaceFirst("^jar:", "")
                    .replaceFirst("!/.*$", ""))));
        }
    }

    private static List<Migration> read(Path folder) throws IOException {
        List<Migration> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Matcher m = FILE_NAME.matcher(name);
                if (m.matches()) {
                    found.add(new Migration(Integer.parseInt(m.group(1)), name, Files.readString(file)));
                } else if (name.endsWith(".sql")) {
                    throw new MigrationFailed("Migration file " + name + " is not named V<number>__<words>.sql", null);
                }
            }
        }
        return found;
    }

    /** Brings the schema up to date; returns how many migrations ran. */
    public int apply(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            createHistoryTable(connection);
            Map<Integer, String> applied = appliedChecksums(connection);
            check(applied);
            int count = 0;
            for (Migration migration : migrations) {
                if (!applied.containsKey(migration.version())) {
                    run(connection, migration);
                    count++;
                }
            }
            return count;
        } catch (SQLException e) {
            throw new MigrationFailed("Cannot read the migration history in " + historyTable + ": "
                    + Database.rootMessage(e), e);
        }
    }

    private void createHistoryTable(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + historyTable + " ("
                    + "version INT NOT NULL PRIMARY KEY, file VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL, "
                    + "applied_at DATETIME(6) NOT NULL, duration_ms INT NOT NULL)");
        }
    }

    private Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + historyTable)) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private void check(Map<Integer, String> applied) {
        Map<Integer, Migration> known = new HashMap<>();
        migrations.forEach(m -> known.put(m.version(), m));
        for (Entry<Integer, String> entry : applied.entrySet()) {
            Migration migration = known.get(entry.getKey());
            if (migration == null) {
                throw new MigrationFailed("The database has migration " + entry.getKey() + " applied, which this "
                        + "version of Hearth does not know: it was written by a newer version. Run that version, or "
                        + "restore a backup taken before the upgrade.", null);
            }
            if (!migration.checksum().equals(entry.getValue())) {
                throw new MigrationFailed("Migration " + migration.file() + " was changed after it was applied; "
                        + "restore the original file and put the change in a new migration.", null);
            }
        }
    }

    private void run(Connection connection, Migration migration) throws SQLException {
        long started = System.nanoTime();
        SchemaSnapshot before = SchemaSnapshot.take(connection);
        List<String> statements = SqlScript.statements(migration.script());
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        int index = 0;
        try (Statement st = connection.createStatement()) {
            for (String statement : statements) {
                index++;
                st.execute(statement);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + historyTable
                    + " (version, file, checksum, applied_at, duration_ms) VALUES (?, ?, ?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.file());
                insert.setString(3, migration.checksum());
                insert.setTimestamp(4, Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
                insert.setInt(5, (int) ((System.nanoTime() - started) / 1_000_000));
                insert.executeUpdate();
            }
            connection.commit();
            log.info("Applied migration {} in {} ms", migration.file(), (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            connection.rollback();
            List<String> leftOver = before.undoAdditions(connection, dialect);
            connection.commit();
            String statement = statements.get(index - 1).replaceAll("\\s+", " ");
            throw new MigrationFailed("Migration " + migration.file() + " failed at statement " + index + " ("
                    + abbreviate(statement) + "): " + Database.rootMessage(e) + (leftOver.isEmpty()
                    ? ". The database was left as it was."
                    : ". Could not undo: " + String.join(", ", leftOver) + "; restore a backup."), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String abbreviate(String statement) {
        return statement.length() <= 80 ? statement : statement.substring(0, 77) + "...";
    }
}
