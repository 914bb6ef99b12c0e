package hearth.server.backup;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import hearth.server.Hearth;
import hearth.server.config.ConfigException;
import hearth.server.config.ConfigLoader;
import hearth.server.config.HearthConfig;
import hearth.server.db.Migrations;
import hearth.server.db.Migrations.Migration;
import hearth.server.plugins.PluginSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jooq.SQLDialect;

/**
 * Restores a backup archive into an empty data dir and an empty database: the files first, then the schema through
 * the normal migrations (core and plugins', up to the versions the backup had, so the DDL is the target database's
 * own), then the rows, then the identity counters. A newer Hearth applies its further migrations at the next start.
 */
public final class Restore {

    private static final int BATCH = 500;

    private final HearthConfig config;
    private final Clock clock;
    private final PrintStream out;

    public Restore(HearthConfig config, Clock clock, PrintStream out) {
        this.config = config;
        this.clock = clock;
        this.out = out;
    }

    public void from(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new ConfigException("No backup archive at " + archive);
        }
        requireEmptyDataDir();
        try (ZipFile zip = new ZipFile(archive.toFile());
             HikariDataSource target = dataSource()) {
            JsonObject manifest = manifest(zip, archive);
            requireEmptyDatabase(target);
            extractFiles(zip);
            JsonObject schemas = manifest.getJsonObject("schemas", new JsonObject());
            migrate(target, schemas);
            long rows = loadRows(zip, target, manifest.getJsonObject("tables", new JsonObject()).fieldNames());
            out.println("Restored " + rows + " rows and the files of a backup made by Hearth "
                    + manifest.getString("hearthVersion") + " on " + manifest.getString("createdAt") + " ("
                    + manifest.getString("database") + ") into " + config.dataDir() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the backup " + archive + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Restoring into the database failed: " + e.getMessage()
                    + ". Empty the data dir and the database before trying again.", e);
        }
    }

    private void requireEmptyDataDir() {
        Path dir = config.dataDir();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> found = entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(ConfigLoader.CONFIG_FILE)).sorted().toList();
            if (!found.isEmpty()) {
                throw new ConfigException("The data dir " + dir + " is not empty (" + String.join(", ", found)
                        + "); restore needs an empty data dir (a hearth.yml alone may be there)");
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read the data dir " + dir + ": " + e.getMessage());
        }
    }

    private void requireEmptyDatabase(HikariDataSource target) throws SQLException {
        try (Connection connection = target.getConnection()) {
            List<String> tables = Schema.tables(connection);
            if (!tables.isEmpty()) {
                throw new ConfigException("The database at " + config.db().url().replaceAll("[?;].*$", "")
                        + " already has " + tables.size() + " tables (" + String.join(", ", tables.subList(0,
                        Math.min(3, tables.size()))) + ", …); restore needs an empty database");
            }
        }
    }

    private static JsonObject manifest(ZipFile zip, Path archive) throws IOException {
        ZipEntry entry = zip.getEntry(BackupWriter.MANIFEST);
        if (entry == null) {
            throw new ConfigException(archive + " is not a Hearth backup (it has no " + BackupWriter.MANIFEST + ")");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            JsonObject manifest = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (manifest.getInteger("format", 0) != BackupWriter.FORMAT) {
                throw new ConfigException(archive + " is a backup in format " + manifest.getValue("format")
                        + ", which this version of Hearth cannot read");
            }
            return manifest;
        }
    }

    private void extractFiles(ZipFile zip) throws IOException {
        Path dir = config.dataDir();
        boolean keepConfig = Files.exists(dir.resolve(ConfigLoader.CONFIG_FILE));
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (!entry.getName().startsWith(BackupWriter.FILES) || entry.isDirectory()) {
                continue;
            }
            String relative = entry.getName().substring(BackupWriter.FILES.length());
            if (keepConfig && relative.equals(ConfigLoader.CONFIG_FILE)) {
                relative = ConfigLoader.CONFIG_FILE + ".from-backup"; // the target's own settings win
            }
            Path file = dir.resolve(relative).normalize();
            if (!file.startsWith(dir)) {
                throw new ConfigException("The backup holds a file outside the data dir: " + entry.getName());
            }
            Files.createDirectories(file.getParent());
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, file);
            }
        }
    }

    /** Creates the schema the backup had: each history table's migrations, up to its highest version. */
    private void migrate(HikariDataSource target, JsonObject schemas) throws SQLException {
        SQLDialect dialect = config.db().isMariaDb() ? SQLDialect.MARIADB : SQLDialect.H2;
        Map<String, PluginSchemas.Jar> plugins = PluginSchemas.available(config.dataDir(), Hearth.class.getClassLoader());
        List<String> histories = new ArrayList<>(new TreeSet<>(schemas.fieldNames()));
        if (histories.remove(Schema.HISTORY_SUFFIX)) {
            histories.addFirst(Schema.HISTORY_SUFFIX); // the core's schema first
        }
        for (String history : histories) {
            Set<Integer> wanted = versions(schemas.getJsonArray(history));
            int upTo = wanted.stream().mapToInt(Integer::intValue).max().orElse(0);
            String prefix = history.substring(0, history.length() - Schema.HISTORY_SUFFIX.length());
            List<Migration> scripts;
            if (prefix.isEmpty()) {
                scripts = Migrations.fromClasspath(Hearth.class.getClassLoader(), "db/migration").stream()
                        .filter(m -> m.version() <= upTo).toList();
                requireSame(wanted, scripts, "Hearth", "core");
                new Migrations(history, scripts, dialect, clock).apply(target);
            } else if (plugins.containsKey(prefix)) {
                PluginSchemas.Jar jar = plugins.get(prefix);
                scripts = PluginSchemas.migrations(jar, upTo);
                requireSame(wanted, scripts, "plugin " + jar.manifest().id() + " " + jar.manifest().version(),
                        jar.manifest().id());
                PluginSchemas.apply(jar, scripts, target, dialect, clock);
            } else {
                out.println("Note: no plugin jar for the tables starting with " + prefix + "; they are not restored.");
            }
        }
    }

    private static Set<Integer> versions(JsonArray array) {
        Set<Integer> versions = new HashSet<>();
        array.forEach(v -> versions.add(((Number) v).intValue()));
        return versions;
    }

    private static void requireSame(Set<Integer> wanted, List<Migration> available, String who, String schema) {
        Set<Integer> have = new HashSet<>();
        available.forEach(m -> have.add(m.version()));
        if (!have.equals(wanted)) {
            TreeSet<Integer> unknown = new TreeSet<>(wanted);
            unknown.removeAll(have);
            throw new ConfigException("The backup's " + schema + " schema has migration(s) " + (unknown.isEmpty()
                    ? new TreeSet<>(wanted) : unknown) + " that " + who + " here does not have: it was made by a newer"
                    + " version. Restore it with that version. Empty the data dir and the database before trying"
                    + " again.");
        }
    }

    private long loadRows(ZipFile zip, HikariDataSource target, Set<String> dumped) throws SQLException, IOException {
        try (Connection connection = target.getConnection()) {
            Set<String> present = new HashSet<>(Schema.tables(connection));
            connection.setAutoCommit(false);
            foreignKeyChecks(connection, false);
            long rows = 0;
            try {
                for (String table : new TreeSet<>(dumped)) {
                    if (Schema.isHistory(table) || !present.contains(table)) {
                        continue; // histories were written by the migrations above
                    }
                    try (Statement st = connection.createStatement()) {
                        st.executeUpdate("DELETE FROM " + Schema.quote(table)); // rows the migrations seeded
                    }
                    rows += loadTable(zip, connection, table);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                foreignKeyChecks(connection, true);
                connection.setAutoCommit(true);
            }
            resetIdentities(connection, dumped, present);
            return rows;
        }
    }

    private long loadTable(ZipFile zip, Connection connection, String table) throws SQLException, IOException {
        ZipEntry entry = zip.getEntry(BackupWriter.TABLES + table + ".jsonl");
        if (entry == null) {
            throw new ConfigException("The backup lists table " + table + " but does not hold it: the archive is"
                    + " damaged");
        }
        Set<String> targetColumns = columns(connection, table);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(zip.getInputStream(entry),
                StandardCharsets.UTF_8))) {
            JsonArray columns = new JsonObject(in.readLine()).getJsonArray("columns");
            List<Integer> kept = new ArrayList<>();
            List<ColumnKind> kinds = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.getJsonObject(i).getString("name");
                if (targetColumns.contains(name)) {
                    kept.add(i);
                    names.add(Schema.quote(name));
                    kinds.add(ColumnKind.valueOf(columns.getJsonObject(i).getString("kind")));
                }
            }
            String insert = "INSERT INTO " + Schema.quote(table) + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
            long rows = 0;
            try (PreparedStatement st = connection.prepareStatement(insert)) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonArray row = new JsonArray(line);
                    for (int k = 0; k < kept.size(); k++) {
                        kinds.get(k).bind(st, k + 1, row.getValue(kept.get(k)));
                    }
                    st.addBatch();
                    if (++rows % BATCH == 0) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            return rows;
        }
    }

    private static Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + Schema.quote(table) + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private void foreignKeyChecks(Connection connection, boolean on) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(config.db().isMariaDb() ? "SET FOREIGN_KEY_CHECKS = " + (on ? 1 : 0)
                    : "SET REFERENTIAL_INTEGRITY " + (on ? "TRUE" : "FALSE"));
        }
    }

    /** Moves each auto-increment counter past the restored rows, so new rows get fresh ids. */
    private void resetIdentities(Connection connection, Set<String> dumped, Set<String> present) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String table : new TreeSet<>(dumped)) {
            if (!present.contains(table)) {
                continue;
            }
            List<String> identities = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), table, "%")) {
                while (rs.next()) {
                    if ("YES".equals(rs.getString("IS_AUTOINCREMENT"))) {
                        identities.add(rs.getString("COLUMN_NAME"));
                    }
                }
            }
            for (String column : identities) {
                long next;
                try (Statement st = connection.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + Schema.quote(column) + "), 0) + 1 FROM "
                             + Schema.quote(table))) {
                    rs.next();
                    next = rs.getLong(1);
                }
                try (Statement st = connection.createStatement()) {
                    st.execute(config.db().isMariaDb()
                            ? "ALTER TABLE " + Schema.quote(table) + " AUTO_INCREMENT = " + next
                            : "ALTER TABLE " + Schema.quote(table) + " ALTER COLUMN " + Schema.quote(column)
                            + " RESTART WITH " + next);
                }
            }
        }
    }

    private HikariDataSource dataSource() {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("hearth-restore");
        hikari.setJdbcUrl(config.db().url());
        hikari.setUsername(config.db().user());
        hikari.setPassword(config.db().password());
        hikari.setMaximumPoolSize(2);
        hikari.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new ConfigException("Cannot connect to the database at " + config.db().url().replaceAll("[?;].*$",
                    "") + ": " + e.getMessage());
        }
    }
}
