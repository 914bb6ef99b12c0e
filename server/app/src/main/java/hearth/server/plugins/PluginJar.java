package hearth.server.plugins;

import com.github.zafarkhaja.semver.ParseException;
import com.github.zafarkhaja.semver.Version;
import hearth.api.HearthApi;
import hearth.api.errors.InvalidInput;
import hearth.server.plugins.PluginManifest.Dependency;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * Reads and checks a plugin jar before anything is installed: a readable jar, a complete manifest, an API range that
 * includes this server's API, a manifest class, and none of the libraries the server provides bundled inside.
 * Every refusal is an {@link InvalidInput} on the field {@code jar}, worded for the admin.
 */
public final class PluginJar {

    /** Larger uploads are refused before they are read. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int MAX_ID_LENGTH = 40;
    private static final String EXTENSION_INDEX = "META-INF/extensions.idx";
    private static final List<String> PROVIDED = List.of("hearth/api/", "org/pf4j/", "org/jooq/", "org/slf4j/");

    private static final Pattern UPLOAD_PATH = Pattern.compile("(/api/v1)?/admin/plugins(/[a-z0-9-]+/upgrade)?");

    private PluginJar() {
    }

    /** Whether requests to {@code path} may carry a plugin jar (and so a body up to {@link #MAX_BYTES}). */
    public static boolean isUploadPath(String path) {
        return UPLOAD_PATH.matcher(path).matches();
    }

    public static PluginManifest read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw refused("This jar has no manifest, so it is not a Hearth plugin.");
            }
            PluginManifest plugin = parse(manifest.getMainAttributes());
            if (file.getEntry(EXTENSION_INDEX) == null) {
                throw refused("Plugin " + plugin.id() + " has no extension index (" + EXTENSION_INDEX + "): it was"
                        + " built without PF4J's annotation processor, so Hearth cannot find its manifest class.");
            }
            for (String prefix : PROVIDED) {
                if (file.stream().anyMatch(entry -> entry.getName().startsWith(prefix))) {
                    throw refused("Plugin " + plugin.id() + " bundles " + prefix.replace('/', '.') + "*, which the"
                            + " server provides; rebuild it with those dependencies in scope provided.");
                }
            }
            return plugin;
        } catch (ZipException | SecurityException e) {
            throw refused("This file is not a readable jar (" + e.getMessage() + "). Upload the plugin's .jar file.");
        } catch (IOException e) {
            throw refused("This file cannot be read as a jar (" + e.getMessage() + ").");
        }
    }

    /** The names ({@code <id>::name}) of the templates in a plugin's jar. */
    static List<String> templateNames(Path jar, String id) {
        String folder = "hearth-plugin/" + id + "/templates/";
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.startsWith(folder) && name.endsWith(".peb"))
                    .map(name -> id + "::" + name.substring(folder.length(), name.length() - ".peb".length()))
                    .toList();
        } catch (IOException e) {
            return List.of(); // read when first used instead
        }
    }

    static PluginManifest parse(Attributes attributes) {
        String id = required(attributes, "Plugin-Id", "its id");
        if (!ID.matcher(id).matches() || id.length() > MAX_ID_LENGTH) {
            throw refused("The plugin id \"" + id + "\" is not kebab-case (lower-case letters, digits and dashes, at"
                    + " most " + MAX_ID_LENGTH + " characters).");
        }
        String version = required(attributes, "Plugin-Version", "its version");
        try {
            Version.parse(version);
        } catch (ParseException | IllegalArgumentException e) {
            throw refused("Plugin " + id + " has version \"" + version + "\", which is not a semantic version"
                    + " such as 1.2.0.");
        }
        String requires = required(attributes, "Plugin-Requires", "which Hearth API versions it works with");
        if (!satisfies(HearthApi.VERSION, requires)) {
            throw refused("Plugin " + id + " " + version + " needs Hearth API " + requires + ", but this server"
                    + " provides API " + HearthApi.VERSION + ". Install a version of the plugin built for it.");
        }
        return new PluginManifest(id, version, value(attributes, "Plugin-Description"),
                value(attributes, "Plugin-Provider"), requires, dependencies(id, value(attributes, "Plugin-Dependencies")),
                !"false".equalsIgnoreCase(value(attributes, "Plugin-Bundled-Enabled").strip()));
    }

    /** Whether {@code version} is in the semver range {@code range} ({@code *} or empty: any). */
    static boolean satisfies(String version, String range) {
        if (range.isBlank() || range.strip().equals("*")) {
            return true;
        }
        try {
            return Version.parse(version).satisfies(range.strip());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<Dependency> dependencies(String id, String listed) {
        List<Dependency> out = new ArrayList<>();
        for (String item : listed.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int at = entry.indexOf('@');
            String other = at < 0 ? entry : entry.substring(0, at).strip();
            String range = at < 0 ? "*" : entry.substring(at + 1).strip();
            if (!ID.matcher(other).matches()) {
                throw refused("Plugin " + id + " lists a dependency \"" + entry + "\" that is not a plugin id.");
            }
            out.add(new Dependency(other, range.isEmpty() ? "*" : range));
        }
        return List.copyOf(out);
    }

    private static String required(Attributes attributes, String name, String what) {
        String value = value(attributes, name);
        if (value.isEmpty()) {
            throw refused("The jar's manifest does not say " + what + " (" + name + "), so it is not a Hearth plugin.");
        }
        return value;
    }

    private static String value(Attributes attributes, String name) {
        String value = attributes.getValue(name);
        return value == null ? "" : value.strip();
    }

    private static InvalidInput refused(String message) {
        return new InvalidInput("jar", message);
    }
}
