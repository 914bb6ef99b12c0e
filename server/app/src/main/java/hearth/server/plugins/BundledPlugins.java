package hearth.server.plugins;

import com.github.zafarkhaja.semver.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The plugins that travel inside the server's jar ({@code bundled-plugins/*.jar}, put there by the build from every
 * module under {@code plugins/}). A new site installs and enables each once; a later server with a newer bundled
 * version upgrades the installed one.
 */
public final class BundledPlugins {

    static final String FOLDER = "bundled-plugins";

    /** A bundled jar, copied out to a file so it can be read like an upload. */
    public record Bundled(Path jar, PluginManifest manifest) {
    }

    private BundledPlugins() {
    }

    /** Copies the bundled jars into {@code workDir} and reads them. */
    public static List<Bundled> extract(ClassLoader loader, Path workDir) {
        URL folder = loader.getResource(FOLDER);
        if (folder == null) {
            return List.of();
        }
        try {
            Files.createDirectories(workDir);
            URI uri = folder.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return copy(jar.getPath(FOLDER), workDir);
                }
            }
            return copy(Path.of(uri), workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled plugins", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads every jar in the folder; of two versions of one plugin (a stale build left one) the newer wins. */
    private static List<Bundled> copy(Path folder, Path workDir) throws IOException {
        Map<String, Bundled> newest = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                Path copy = workDir.resolve(file.getFileName().toString());
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                Bundled bundled = new Bundled(copy, PluginJar.read(copy));
                newest.merge(bundled.manifest().id(), bundled, (a, b) -> Version.parse(a.manifest().version())
                        .isHigherThan(Version.parse(b.manifest().version())) ? a : b);
            }
        }
        return List.copyOf(newest.values());
    }
}
