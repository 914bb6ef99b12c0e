package hearth.server.plugins;

import static hearth.server.db.schema.tables.PluginBundles.PLUGIN_BUNDLES;
import static hearth.server.db.schema.tables.PluginSettings.PLUGIN_SETTINGS;
import static hearth.server.db.schema.tables.Plugins.PLUGINS;

import hearth.server.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plugins table: which plugins are installed, from which jar, whether they should run, their last error. */
final class PluginRecords {

    /** One installed plugin as stored. */
    record Installed(String id, String version, String jarFile, boolean enabled, Optional<String> lastError,
                     Instant installedAt, Instant updatedAt) {
    }

    private final Database db;
    private final Clock clock;

    PluginRecords(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    List<Installed> all() {
        return db.query(sql -> sql.selectFrom(PLUGINS).orderBy(PLUGINS.PLUGIN_ID).fetch(r -> new Installed(
                r.getPluginId(), r.getVersion(), r.getJarFile(), r.getEnabled(), Optional.ofNullable(r.getLastError()),
                r.getInstalledAt(), r.getUpdatedAt())));
    }

    Optional<Installed> find(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    void insert(PluginManifest manifest, String jarFile) {
        Instant now = clock.instant();
        db.transaction(tx -> tx.sql().insertInto(PLUGINS)
                .set(PLUGINS.PLUGIN_ID, manifest.id())
                .set(PLUGINS.VERSION, manifest.version())
                .set(PLUGINS.JAR_FILE, jarFile)
                .set(PLUGINS.ENABLED, false)
                .set(PLUGINS.INSTALLED_AT, now)
                .set(PLUGINS.UPDATED_AT, now)
                .execute());
    }

    void replaceJar(String id, String version, String jarFile) {
        db.transaction(tx -> tx.sql().update(PLUGINS)
                .set(PLUGINS.VERSION, version)
                .set(PLUGINS.JAR_FILE, jarFile)
                .set(PLUGINS.UPDATED_AT, clock.instant())
                .where(PLUGINS.PLUGIN_ID.eq(id))
                .execute());
    }

    /** Records whether the plugin should run, and why it last failed (empty: it did not). */
    void state(String id, boolean enabled, Optional<String> error) {
        db.transaction(tx -> tx.sql().update(PLUGINS)
                .set(PLUGINS.ENABLED, enabled)
                .set(PLUGINS.LAST_ERROR, error.map(e -> e.length() > 2000 ? e.substring(0, 2000) : e).orElse(null))
                .set(PLUGINS.UPDATED_AT, clock.instant())
                .where(PLUGINS.PLUGIN_ID.eq(id))
                .execute());
    }

    void delete(String id) {
        db.transaction(tx -> tx.sql().deleteFrom(PLUGINS).where(PLUGINS.PLUGIN_ID.eq(id)).execute());
    }

    boolean offered(String id) {
        return db.query(sql -> sql.fetchExists(PLUGIN_BUNDLES, PLUGIN_BUNDLES.PLUGIN_ID.eq(id)));
    }

    void markOffered(String id) {
        db.transaction(tx -> tx.sql().insertInto(PLUGIN_BUNDLES)
                .set(PLUGIN_BUNDLES.PLUGIN_ID, id)
                .set(PLUGIN_BUNDLES.OFFERED_AT, clock.instant())
                .execute());
    }

    Map<String, String> settings(String id) {
        Map<String, String> values = new HashMap<>();
        db.query(sql -> sql.select(PLUGIN_SETTINGS.SETTING_KEY, PLUGIN_SETTINGS.SETTING_VALUE).from(PLUGIN_SETTINGS)
                .where(PLUGIN_SETTINGS.PLUGIN_ID.eq(id)).fetch())
                .forEach(r -> values.put(r.value1(), r.value2()));
        return values;
    }

    void saveSettings(String id, Map<String, String> values) {
        Instant now = clock.instant();
        db.transaction(tx -> {
            tx.sql().deleteFrom(PLUGIN_SETTINGS).where(PLUGIN_SETTINGS.PLUGIN_ID.eq(id)).execute();
            values.forEach((key, value) -> tx.sql().insertInto(PLUGIN_SETTINGS)
                    .set(PLUGIN_SETTINGS.PLUGIN_ID, id)
                    .set(PLUGIN_SETTINGS.SETTING_KEY, key)
                    .set(PLUGIN_SETTINGS.SETTING_VALUE, value)
                    .set(PLUGIN_SETTINGS.UPDATED_AT, now)
                    .execute());
            return null;
        });
    }

    void deleteSettings(String id) {
        db.transaction(tx -> tx.sql().deleteFrom(PLUGIN_SETTINGS).where(PLUGIN_SETTINGS.PLUGIN_ID.eq(id)).execute());
    }
}
