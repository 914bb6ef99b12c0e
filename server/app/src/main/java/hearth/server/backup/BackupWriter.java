package hearth.server.backup;

import hearth.server.Version;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a backup archive: every table of the database (found at backup time, so plugins' tables too) read in one
 * snapshot transaction and written one JSON line per row with portable column types, then the data dir's files.
 * The archive appears under its name only once complete.
 */
public final class BackupWriter {

    static final String MANIFEST = "manifest.json";
    static final String TABLES = "db/";
    static final String FILES = "files/";
    static final int FORMAT = 1;
    /** Data-dir entries left out: the database files themselves (dumped instead), caches, scratch space, backups. */
    static final Set<String> NOT_BACKED_UP = Set.of("db", "cache", "tmp", "backups");

    private final Clock clock;

    public BackupWriter(Clock clock) {
        this.clock = clock;
    }

    /** Backs up the database behind {@code connection} and the data dir into {@code out}; returns the row count. */
    public long write(Connection connection, boolean mariaDb, Path dataDir, Path out) {
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            long rows;
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                JsonObject manifest = new JsonObject().put("format", FORMAT).put("hearthVersion", Version.current())
                        .put("createdAt", clock.instant().toString()).put("database", mariaDb ? "MariaDB" : "H2");
                rows = dumpTables(connection, mariaDb, zip, manifest);
                copyFiles(dataDir, out.toAbsolutePath(), zip);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifest.encodePrettily().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return rows;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Cannot write the backup " + out + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            deleteQuietly(partial);
            throw new IllegalStateException("Cannot read the database for the backup: " + e.getMessage(), e);
        }
    }

    private long dumpTables(Connection connection, boolean mariaDb, ZipOutputStream zip, JsonObject manifest)
            throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        startSnapshot(connection, mariaDb);
        try {
            JsonObject schemas = new JsonObject();
            JsonObject counts = new JsonObject();
            long total = 0;
            for (String table : Schema.tables(connection)) {
                if (Schema.isHistory(table)) {
                    schemas.put(table, new JsonArray(List.copyOf(Schema.versions(connection, table))));
                }
                zip.putNextEntry(new ZipEntry(TABLES + table + ".jsonl"));
                long rows = dumpTable(connection, table, zip);
                zip.closeEntry();
                counts.put(table, rows);
                total += rows;
            }
            manifest.put("schemas", schemas).put("tables", counts);
            return total;
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
            connection.setTransactionIsolation(isolation);
        }
    }

    /**
     * Every table is read in the one transaction begun here, which sees the database as it was when it began while
     * the site keeps writing: InnoDB's consistent snapshot on MariaDB, MVStore's SNAPSHOT isolation on H2.
     */
    private static void startSnapshot(Connection connection, boolean mariaDb) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (mariaDb) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setAutoCommit(false);
                st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            } else {
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                connection.setAutoCommit(false);
            }
        }
    }

    private static long dumpTable(Connection connection, String table, OutputStream zip)
            throws SQLException, IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
        long rows = 0;
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + Schema.quote(table))) {
                ResultSetMetaData meta = rs.getMetaData();
                int count = meta.getColumnCount();
                ColumnKind[] kinds = new ColumnKind[count];
                JsonArray columns = new JsonArray();
                for (int i = 1; i <= count; i++) {
                    kinds[i - 1] = ColumnKind.of(meta.getColumnType(i));
                    columns.add(new JsonObject().put("name", meta.getColumnName(i).toLowerCase(Locale.ROOT))
                            .put("kind", kinds[i - 1].name()).put("sqlType", meta.getColumnTypeName(i)));
                }
                out.write(new JsonObject().put("table", table).put("columns", columns).encode());
                out.newLine();
                while (rs.next()) {
                    JsonArray row = new JsonArray();
                    for (int i = 1; i <= count; i++) {
                        row.add(kinds[i - 1].read(rs, i));
                    }
                    out.write(row.encode());
                    out.newLine();
                    rows++;
                }
            }
        }
        out.flush(); // not closed: that would close the archive
        return rows;
    }

    private static void copyFiles(Path dataDir, Path out, ZipOutputStream zip) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = dataDir.relativize(file);
                if (NOT_BACKED_UP.contains(relative.getName(0).toString()) || file.toAbsolutePath().equals(out)
                        || file.getFileName().toString().endsWith(".partial")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(FILES + relative.toString().replace('\\', '/')));
                try {
                    Files.copy(file, zip);
                } catch (NoSuchFileException e) {
                    // deleted while we walked (a replaced theme, say): it is no longer part of the site
                }
                zip.closeEntry();
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}
