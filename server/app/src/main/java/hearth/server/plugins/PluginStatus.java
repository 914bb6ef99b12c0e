package hearth.server.plugins;

import hearth.server.plugins.PluginRecords.Installed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One installed plugin as admins see it: what its jar says, whether it runs, why it last failed, how often its code
 * threw since the server started, its settings and who depends on it.
 */
public record PluginStatus(String id, String version, String description, String provider, String requires,
                           List<String> dependencies, List<String> dependents, State state, boolean running,
                           boolean safeMode, Optional<String> lastError, List<PluginFaults.Tally> faults,
                           List<SettingSpec> settings, Map<String, Object> settingValues,
                           Optional<String> adminSection, List<String> permissions, List<String> notificationKinds,
                           Instant installedAt, Instant updatedAt) {

    /** Enabled: the admin wants it on (and it runs unless in safe mode); failed: it could not start. */
    public enum State {
        ENABLED, DISABLED, FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    PluginStatus(Installed row, Optional<PluginManifest> manifest, Optional<Contribution> contribution,
                 boolean running, boolean safeMode, List<SettingSpec> settings, Map<String, Object> values,
                 List<PluginFaults.Tally> faults, List<String> dependents) {
        this(row.id(), row.version(), manifest.map(PluginManifest::description).orElse(""),
                manifest.map(PluginManifest::provider).orElse(""), manifest.map(PluginManifest::requires).orElse(""),
                manifest.map(m -> m.dependencies().stream().map(Object::toString).toList()).orElse(List.of()),
                List.copyOf(dependents),
                row.enabled() ? State.ENABLED : row.lastError().isPresent() ? State.FAILED : State.DISABLED,
                running, safeMode,
                row.lastError().or(() -> manifest.isPresent() ? Optional.empty()
                        : Optional.of("The jar " + row.jarFile() + " is missing or unreadable.")),
                faults, settings, values, contribution.flatMap(Contribution::adminTitle),
                contribution.map(c -> c.permissions().stream().map(Contribution.PermissionSpec::key).toList())
                        .orElse(List.of()),
                contribution.map(c -> c.notificationKinds().stream().map(k -> k.key()).toList()).orElse(List.of()),
                row.installedAt(), row.updatedAt());
    }
}
