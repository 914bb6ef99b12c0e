package hearth.server.plugins;

import hearth.api.moderation.ModerationActions;
import com.github.zafarkhaja.semver.Version;
import hearth.api.HearthApi;
import hearth.api.HearthExtension;
import hearth.api.access.Permissions;
import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.server.db.Database;
import hearth.server.db.JournalDispatcher;
import hearth.server.mail.Mailer;
import hearth.server.notifications.MemberNotifications;
import hearth.server.plugins.ActivePlugins.Active;
import hearth.server.plugins.PluginManifest.Dependency;
import hearth.server.plugins.PluginRecords.Installed;
import hearth.server.web.Templates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the plugins' lifecycle at run time: install (a checked jar copied into the plugins dir), enable (load with
 * PF4J, run its migrations, collect its contributions, publish them), disable (withdraw, pause its listeners, unload
 * its classes), upgrade (the same with a newer jar, the old one restored if the new one fails) and uninstall (with or
 * without its data). One change at a time; every method blocks, so callers run it off the event loop.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    /** What the host works with. */
    public record Needs(Path pluginsDir, Path dataRoot, Database db, Clock clock, JournalDispatcher dispatcher,
                        Templates templates, Permissions permissions, MemberNotifications notifications,
                        ModerationActions moderation, Mailer mailer, URI baseUrl, boolean safeMode) {
    }

    private final Needs needs;
    private final ActivePlugins active;
    private final PluginFaults faults;
    private final PluginRecords records;
    private final PluginSettings settings;
    private final CoreViews views;
    private final PluginMigrations migrations;
    private final PluginManager pf4j;
    private final CoreSearchSource searchSource;
    private final ReentrantLock changes = new ReentrantLock();
    /** Manifests of the running plugins: changed under {@link #changes}, read by status pages at any time. */
    private final Map<String, PluginManifest> running = new ConcurrentHashMap<>();
    /** The template names of the running plugins, compiled whenever the template engine starts over. */
    private final Map<String, List<String>> templateNames = new HashMap<>();

    public PluginHost(Needs needs, ActivePlugins active, PluginFaults faults) {
        this.needs = needs;
        this.active = active;
        this.faults = faults;
        this.records = new PluginRecords(needs.db(), needs.clock());
        this.settings = new PluginSettings(records);
        this.views = new CoreViews(needs.db(), needs.clock());
        this.searchSource = new CoreSearchSource(needs.db(), needs.clock());
        this.migrations = new PluginMigrations(needs.db(), needs.clock());
        this.pf4j = new JarPluginManager(needs.pluginsDir());
        this.pf4j.setSystemVersion(HearthApi.VERSION);
    }

    /** At server start: offers new bundled plugins, then starts the enabled ones; a failing one is marked FAILED. */
    public void start(List<BundledPlugins.Bundled> bundled) {
        changes.lock();
        try {
            Files.createDirectories(needs.pluginsDir());
            if (needs.safeMode()) {
                log.warn("Safe mode: every plugin stays off until Hearth restarts without --safe-mode");
                return;
            }
            for (BundledPlugins.Bundled bundle : bundled) {
                offer(bundle);
            }
            for (Installed plugin : inDependencyOrder(records.all())) {
                if (plugin.enabled()) {
                    try {
                        startPlugin(plugin);
                    } catch (RuntimeException e) {
                        String why = PluginFailure.describe(e);
                        log.error("Plugin {} failed to start and stays off: {}", plugin.id(), why);
                        records.state(plugin.id(), false, Optional.of(why));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the plugins dir " + needs.pluginsDir(), e);
        } finally {
            changes.unlock();
        }
    }

    private void offer(BundledPlugins.Bundled bundle) {
        PluginManifest manifest = bundle.manifest();
        Optional<Installed> installed = records.find(manifest.id());
        try {
            if (installed.isEmpty() && !records.offered(manifest.id())) {
                copyIn(bundle.jar(), manifest);
                records.state(manifest.id(), manifest.bundledEnabled(), Optional.empty());
                log.info("Installed bundled plugin {} {}{}", manifest.id(), manifest.version(),
                        manifest.bundledEnabled() ? "" : " (off until an admin enables it)");
            } else if (installed.isPresent() && newer(manifest.version(), installed.get().version())) {
                Path old = needs.pluginsDir().resolve(installed.get().jarFile());
                records.replaceJar(manifest.id(), manifest.version(), copyJar(bundle.jar(), manifest));
                deleteQuietly(old);
                log.info("Upgraded bundled plugin {} to {}", manifest.id(), manifest.version());
            }
            if (!records.offered(manifest.id())) {
                records.markOffered(manifest.id());
            }
        } catch (RuntimeException e) {
            log.error("Bundled plugin {} could not be installed: {}", manifest.id(), PluginFailure.describe(e));
        }
    }

    /** Every installed plugin, by id. */
    public List<PluginStatus> list() {
        List<Installed> all = records.all();
        Map<String, Optional<PluginManifest>> manifests = manifests(all);
        return all.stream().map(plugin -> status(plugin, manifests)).toList();
    }

    public PluginStatus status(String id) {
        List<Installed> all = records.all();
        Installed plugin = all.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFound("No plugin " + id + " is installed."));
        return status(plugin, manifests(all));
    }

    /** Installs an uploaded jar, disabled; the caller's file is copied, not moved. */
    public PluginStatus install(Path upload) {
        PluginManifest manifest = PluginJar.read(upload);
        changes.lock();
        try {
            Optional<Installed> existing = records.find(manifest.id());
            if (existing.isPresent()) {
                throw new InvalidInput("jar", "Plugin " + manifest.id() + " is already installed (version "
                        + existing.get().version() + "). To install version " + manifest.version()
                        + ", use Upgrade on its page.");
            }
            checkInstalled(manifest);
            copyIn(upload, manifest);
            log.info("Installed plugin {} {}", manifest.id(), manifest.version());
            return status(manifest.id());
        } finally {
            changes.unlock();
        }
    }

    public PluginStatus enable(String id) {
        changes.lock();
        try {
            Installed plugin = installed(id);
            refuseInSafeMode();
            if (!running.containsKey(id)) {
                try {
                    startPlugin(plugin);
                } catch (RuntimeException e) {
                    String why = PluginFailure.describe(e);
                    records.state(id, false, Optional.of(why));
                    throw new Conflict("Plugin " + id + " could not start: " + why);
                }
            }
            records.state(id, true, Optional.empty());
            log.info("Enabled plugin {}", id);
            return status(id);
        } finally {
            changes.unlock();
        }
    }

    public PluginStatus disable(String id) {
        changes.lock();
        try {
            installed(id);
            List<String> dependents = runningDependents(id);
            if (!dependents.isEmpty()) {
                throw new Conflict("Plugin " + String.join(", ", dependents) + " needs " + id
                        + " and is enabled: disable it first.");
            }
            stopPlugin(id);
            records.state(id, false, Optional.empty());
            log.info("Disabled plugin {}", id);
            return status(id);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Replaces a plugin's jar with a newer version. A running plugin is restarted on the new version (and the running
     * plugins that need it with it); if the new version fails to start, the old jar is put back and started again.
     */
    public PluginStatus upgrade(String id, Path upload) {
        PluginManifest manifest = PluginJar.read(upload);
        changes.lock();
        try {
            Installed old = installed(id);
            if (!manifest.id().equals(id)) {
                throw new InvalidInput("jar", "This jar is plugin " + manifest.id() + ", not " + id + ".");
            }
            if (!newer(manifest.version(), old.version())) {
                throw new InvalidInput("jar", "This jar is version " + manifest.version() + " of " + id
                        + ", and version " + old.version() + " is installed: upload a newer version.");
            }
            checkInstalled(manifest);
            boolean wasRunning = running.containsKey(id);
            if (wasRunning) {
                refuseInSafeMode();
            }
            List<String> dependents = runningDependents(id);
            for (String dependent : dependents.reversed()) {
                stopPlugin(dependent);
            }
            stopPlugin(id);
            String newJar = copyJar(upload, manifest);
            records.replaceJar(id, manifest.version(), newJar);
            Optional<String> failure = Optional.empty();
            if (wasRunning) {
                try {
                    startPlugin(installed(id));
                } catch (RuntimeException e) {
                    failure = Optional.of(PluginFailure.describe(e));
                    records.replaceJar(id, old.version(), old.jarFile());
                    deleteQuietly(needs.pluginsDir().resolve(newJar));
                    restart(installed(id));
                }
            }
            if (failure.isEmpty() && !newJar.equals(old.jarFile())) {
                deleteQuietly(needs.pluginsDir().resolve(old.jarFile()));
            }
            for (String dependent : dependents) {
                restart(installed(dependent));
            }
            if (failure.isPresent()) {
                records.state(id, wasRunning && running.containsKey(id), failure);
                throw new Conflict("Version " + manifest.version() + " of " + id + " could not start: "
                        + failure.get() + " Version " + old.version() + " is back in place.");
            }
            faults.forget(id);
            log.info("Upgraded plugin {} from {} to {}", id, old.version(), manifest.version());
            return status(id);
        } finally {
            changes.unlock();
        }
    }

    /** Removes a plugin (disabling it first); with {@code deleteData} also its tables, settings and files. */
    public void uninstall(String id, boolean deleteData) {
        changes.lock();
        try {
            Installed plugin = installed(id);
            List<String> dependents = runningDependents(id);
            if (!dependents.isEmpty()) {
                throw new Conflict("Plugin " + String.join(", ", dependents) + " needs " + id
                        + " and is enabled: disable it first.");
            }
            stopPlugin(id);
            records.delete(id);
            deleteQuietly(needs.pluginsDir().resolve(plugin.jarFile()));
            faults.forget(id);
            if (deleteData) {
                migrations.dropTables(PluginManifest.tablePrefix(id));
                records.deleteSettings(id);
                needs.db().transaction(tx -> tx.sql().execute(
                        "DELETE FROM journal_cursors WHERE listener_id LIKE ?", listenerPrefix(id) + "%"));
                deleteTree(dataDir(id));
            }
            log.info("Uninstalled plugin {} ({})", id, deleteData ? "data deleted" : "data kept");
        } finally {
            changes.unlock();
        }
    }

    /** Saves a running plugin's settings from a form or JSON; they apply at once. */
    public PluginStatus updateSettings(String id, Map<String, String> typed, boolean absentTogglesAreOff) {
        changes.lock();
        try {
            installed(id);
            Active plugin = active.active(id).orElseThrow(() -> new Conflict(
                    "Plugin " + id + " is not running; enable it to change its settings."));
            settings.update(id, plugin.contribution().settings(), typed, absentTogglesAreOff);
            return status(id);
        } finally {
            changes.unlock();
        }
    }

    /** Stops every running plugin (server shutdown); their enabled state stays as it is. */
    @Override
    public void close() {
        changes.lock();
        try {
            for (String id : new ArrayList<>(running.keySet())) {
                stopPlugin(id);
            }
        } finally {
            changes.unlock();
        }
    }

    private void startPlugin(Installed plugin) {
        Path jar = needs.pluginsDir().resolve(plugin.jarFile());
        PluginManifest manifest = PluginJar.read(jar);
        for (Dependency dependency : manifest.dependencies()) {
            PluginManifest other = running.get(dependency.pluginId());
            if (other == null || !PluginJar.satisfies(other.version(), dependency.versions())) {
                throw new Conflict("It needs plugin " + dependency + ", which is not enabled"
                        + (other == null ? "" : " in that version (" + other.version() + " is)") + ".");
            }
        }
        List<String> subscribed = new ArrayList<>();
        boolean loaded = false;
        try {
            String loadedId = pf4j.loadPlugin(jar);
            loaded = true;
            if (!manifest.id().equals(loadedId)) {
                throw new IllegalStateException("PF4J loaded " + loadedId + " from the jar of " + manifest.id());
            }
            pf4j.startPlugin(manifest.id());
            ClassLoader loader = pf4j.getPluginClassLoader(manifest.id());
            migrations.apply(manifest, loader);
            List<HearthExtension> manifests = pf4j.getExtensions(HearthExtension.class, manifest.id());
            if (manifests.size() != 1) {
                throw new IllegalStateException("It has " + manifests.size() + " classes implementing HearthExtension"
                        + " marked @Extension; it needs exactly one.");
            }
            Contributor contributor = new Contributor(manifest.id(), new HostedContext(manifest, views,
                    needs.permissions(), needs.db(), needs.templates(), needs.notifications(), needs.clock(),
                    dataDir(manifest.id()), needs.moderation(), searchSource, new PluginMemberMail(manifest.id(),
                    needs.db(), needs.mailer(), needs.clock(), needs.baseUrl())),
                    settings);
            WithClassLoader.call(loader, () -> {
                manifests.getFirst().contribute(contributor);
                return null;
            });
            Contribution contribution = contributor.contribution();
            settings.load(manifest.id(), contribution.settings());
            for (Runnable warmUp : contributor.warmUps()) {
                WithClassLoader.call(loader, () -> {
                    warmUp.run();
                    return null;
                });
            }
            Files.createDirectories(dataDir(manifest.id()));
            Active started = new Active(contribution, manifest.version(), loader);
            for (Contribution.NamedListener listener : contribution.listeners()) {
                String listenerId = listenerPrefix(manifest.id()) + listener.name();
                needs.dispatcher().subscribe(listenerId, entry -> WithClassLoader.call(loader, () -> {
                    try {
                        listener.listener().on(entry);
                        return null;
                    } catch (Exception | LinkageError e) {
                        faults.record(manifest.id(), "listener " + listener.name(), e);
                        throw e;
                    }
                }));
                subscribed.add(listenerId);
            }
            active.publish(started);
            running.put(manifest.id(), manifest);
            templateNames.put(manifest.id(), PluginJar.templateNames(jar, manifest.id()));
            reloadTemplates();
            log.info("Started plugin {} {}", manifest.id(), manifest.version());
        } catch (Exception | LinkageError e) {
            subscribed.forEach(needs.dispatcher()::unsubscribe);
            settings.unload(manifest.id());
            if (loaded) {
                unloadQuietly(manifest.id());
            }
            throw e instanceof RuntimeException r ? r : new PluginFailure(e);
        }
    }

    private void stopPlugin(String id) {
        PluginManifest manifest = running.remove(id);
        if (manifest == null) {
            return;
        }
        Optional<Active> was = active.active(id);
        active.withdraw(id);
        was.ifPresent(a -> a.contribution().listeners().forEach(
                l -> needs.dispatcher().unsubscribe(listenerPrefix(id) + l.name())));
        settings.unload(id);
        unloadQuietly(id);
        templateNames.remove(id);
        reloadTemplates();
        log.info("Stopped plugin {}", id);
    }

    private void reloadTemplates() {
        needs.templates().reload(templateNames.values().stream().flatMap(List::stream).toList());
    }

    private void restart(Installed plugin) {
        try {
            startPlugin(plugin);
        } catch (RuntimeException e) {
            String why = PluginFailure.describe(e);
            log.error("Plugin {} could not be started again: {}", plugin.id(), why);
            records.state(plugin.id(), false, Optional.of(why));
        }
    }

    private void unloadQuietly(String id) {
        try {
            pf4j.stopPlugin(id);
        } catch (RuntimeException e) {
            log.warn("Plugin {} failed while stopping: {}", id, e.toString());
        }
        pf4j.unloadPlugin(id);
    }

    private List<String> runningDependents(String id) {
        List<String> out = new ArrayList<>();
        running.forEach((other, manifest) -> {
            if (manifest.dependencies().stream().anyMatch(d -> d.pluginId().equals(id))) {
                out.add(other);
            }
        });
        return out.stream().sorted().toList();
    }

    private void checkInstalled(PluginManifest manifest) {
        for (Dependency dependency : manifest.dependencies()) {
            Optional<Installed> other = records.find(dependency.pluginId());
            if (other.isEmpty()) {
                throw new InvalidInput("jar", "Plugin " + manifest.id() + " needs plugin " + dependency
                        + ", which is not installed. Install that first.");
            }
            if (!PluginJar.satisfies(other.get().version(), dependency.versions())) {
                throw new InvalidInput("jar", "Plugin " + manifest.id() + " needs plugin " + dependency + ", but "
                        + other.get().version() + " is installed. Upgrade it first.");
            }
        }
    }

    private void refuseInSafeMode() {
        if (needs.safeMode()) {
            throw new Conflict("Hearth runs in safe mode: plugins stay off until it restarts without --safe-mode.");
        }
    }

    private Installed installed(String id) {
        return records.find(id).orElseThrow(() -> new NotFound("No plugin " + id + " is installed."));
    }

    private void copyIn(Path jar, PluginManifest manifest) {
        records.insert(manifest, copyJar(jar, manifest));
    }

    private String copyJar(Path jar, PluginManifest manifest) {
        String name = manifest.id() + "-" + manifest.version() + ".jar";
        Path target = needs.pluginsDir().resolve(name);
        try {
            Path partial = Files.createTempFile(needs.pluginsDir(), ".upload-", ".part");
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the plugin into " + needs.pluginsDir(), e);
        }
        return name;
    }

    /** Each installed plugin's manifest, read once: a running plugin's from memory, the others' from their jars. */
    private Map<String, Optional<PluginManifest>> manifests(List<Installed> all) {
        Map<String, Optional<PluginManifest>> out = new HashMap<>();
        all.forEach(p -> out.put(p.id(), Optional.ofNullable(running.get(p.id())).or(() -> readManifest(p))));
        return out;
    }

    private PluginStatus status(Installed plugin, Map<String, Optional<PluginManifest>> manifests) {
        Optional<Active> live = active.active(plugin.id());
        List<SettingSpec> specs = live.map(a -> a.contribution().settings()).orElse(List.of());
        Map<String, Object> values = live.isPresent() ? settings.values(plugin.id(), specs) : new LinkedHashMap<>();
        List<String> dependents = manifests.values().stream().flatMap(Optional::stream)
                .filter(m -> m.dependencies().stream().anyMatch(d -> d.pluginId().equals(plugin.id())))
                .map(PluginManifest::id).sorted().toList();
        return new PluginStatus(plugin, manifests.get(plugin.id()), live.map(Active::contribution),
                running.containsKey(plugin.id()), needs.safeMode(), specs, values, faults.of(plugin.id()), dependents);
    }

    private Optional<PluginManifest> readManifest(Installed plugin) {
        try {
            return Optional.of(PluginJar.read(needs.pluginsDir().resolve(plugin.jarFile())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private List<Installed> inDependencyOrder(List<Installed> plugins) {
        Map<String, Installed> byId = new LinkedHashMap<>();
        plugins.forEach(p -> byId.put(p.id(), p));
        List<Installed> out = new ArrayList<>();
        Map<String, Boolean> visiting = new HashMap<>();
        for (Installed plugin : plugins) {
            visit(plugin, byId, visiting, out);
        }
        return out;
    }

    private void visit(Installed plugin, Map<String, Installed> byId, Map<String, Boolean> state, List<Installed> out) {
        if (state.containsKey(plugin.id())) {
            return; // done, or a cycle: the start itself will report the missing dependency
        }
        state.put(plugin.id(), true);
        readManifest(plugin).ifPresent(m -> m.dependencies().forEach(d -> {
            Installed other = byId.get(d.pluginId());
            if (other != null) {
                visit(other, byId, state, out);
            }
        }));
        out.add(plugin);
    }

    private Path dataDir(String id) {
        return needs.dataRoot().resolve(id);
    }

    static String listenerPrefix(String id) {
        return "plugin." + id + ".";
    }

    private static boolean newer(String candidate, String current) {
        try {
            return Version.parse(candidate).isHigherThan(Version.parse(current));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.toString());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(PluginHost::deleteQuietly);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", dir, e.toString());
        }
    }
}
