package hearth.server.plugins;

import hearth.server.db.Migrations;
import hearth.server.db.Migrations.Migration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * Plugins' migrations run outside a running site, for a restore: the tables of every plugin jar a data dir holds
 * (bundled or installed) are created by its own migrations, so they come out native to the target database.
 */
public final class PluginSchemas {

    /** A plugin jar and what it is. */
    public record Jar(Path file, PluginManifest manifest) {
    }

    private PluginSchemas() {
    }

    /** The plugin jars a site in {@code dataDir} would run, by table prefix; installed ones win over bundled ones. */
    public static Map<String, Jar> available(Path dataDir, ClassLoader classes) {
        Map<String, Jar> byPrefix = new HashMap<>();
        BundledPlugins.extract(classes, dataDir.resolve("tmp/bundled-plugins"))
                .forEach(b -> byPrefix.put(b.manifest().tablePrefix(), new Jar(b.jar(), b.manifest())));
        Path installed = dataDir.resolve("plugins");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> jars = Files.list(installed)) {
                for (Path jar : jars.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    PluginManifest manifest = PluginJar.read(jar);
                    byPrefix.put(manifest.tablePrefix(), new Jar(jar, manifest));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + installed, e);
            }
        }
        return byPrefix;
    }

    /** The plugin's migrations numbered up to {@code upTo}, checked like at a plugin's start. */
    public static List<Migration> migrations(Jar jar, int upTo) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.file().toUri().toURL()}, null)) {
            List<Migration> scripts = new ArrayList<>();
            for (Migration script : Migrations.fromClasspath(loader,
                    "hearth-plugin/" + jar.manifest().id() + "/db/migration")) {
                PluginMigrations.checkNames(jar.manifest(), script);
                if (script.version() <= upTo) {
                    scripts.add(script);
                }
            }
            return scripts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar.file(), e);
        }
    }

    /** Applies {@code scripts} (from {@link #migrations}) into the plugin's own history table. */
    public static void apply(Jar jar, List<Migration> scripts, DataSource dataSource, SQLDialect dialect, Clock clock) {
        new Migrations(jar.manifest().tablePrefix() + "schema_history", scripts, dialect, clock).apply(dataSource);
    }
}
