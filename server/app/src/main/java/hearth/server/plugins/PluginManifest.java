package hearth.server.plugins;

import java.util.List;

/**
 * What a plugin jar says about itself (its {@code MANIFEST.MF}), checked.
 *
 * @param id           kebab-case id
 * @param version      semantic version
 * @param description  one line for admins
 * @param provider     who made it
 * @param requires     the API versions it works with (a semver range)
 * @param dependencies other plugins it needs
 * @param bundledEnabled for a plugin bundled with the server: whether a new site enables it, or only installs it
 *                       ({@code Plugin-Bundled-Enabled: false}, for plugins admins opt into, such as one that replaces
 *                       the core's search)
 */
public record PluginManifest(String id, String version, String description, String provider, String requires,
                             List<Dependency> dependencies, boolean bundledEnabled) {

    /** Another plugin this one needs, in a version range. */
    public record Dependency(String pluginId, String versions) {

        @Override
        public String toString() {
            return versions.equals("*") ? pluginId : pluginId + " " + versions;
        }
    }

    /** The id as used in table names: {@code welcome-banner} → {@code welcome_banner}. */
    public String tablePrefix() {
        return tablePrefix(id);
    }

    static String tablePrefix(String pluginId) {
        return pluginId.replace('-', '_') + "_";
    }
}
