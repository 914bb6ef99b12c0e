package hearth.server.web;

import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A theme: {@code theme.properties} (name, version, parent), {@code templates/} and {@code static/}. Installed themes
 * are folders in {@code <data-dir>/themes}; bundled ones travel in the jar under {@code hearth/themes}.
 *
 * @param dir the folder of an installed theme, empty for a bundled one
 */
public record Theme(String name, String version, String parent, Optional<Path> dir) {

    static final String BUNDLED = "hearth/themes/";

    /** Finds a theme by name: an installed folder wins over a bundled theme of the same name. */
    static Optional<Theme> find(String name, Path themesDir, ClassLoader loader) {
        Path folder = themesDir.resolve(name);
        Path properties = folder.resolve("theme.properties");
        if (Files.isRegularFile(properties)) {
            try (Reader in = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                return Optional.of(of(name, load(in), Optional.of(folder)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + properties, e);
            }
        }
        try (InputStream in = loader.getResourceAsStream(BUNDLED + name + "/theme.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(of(name, load(new InputStreamReader(in, StandardCharsets.UTF_8)),
                    Optional.empty()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled theme " + name, e);
        }
    }

    private static Properties load(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return p;
    }

    private static Theme of(String name, Properties p, Optional<Path> dir) {
        String parent = p.getProperty("parent", "").trim();
        return new Theme(name, p.getProperty("version", "0").trim(), parent.isEmpty() ? null : parent, dir);
    }

    Loader<?> templateLoader(ClassLoader loader) {
        if (dir.isPresent()) {
            return new FileLoader(dir.get().resolve("templates").toString());
        }
        ClasspathLoader classpath = new ClasspathLoader(loader);
        classpath.setPrefix(BUNDLED + name + "/templates");
        return classpath;
    }

    /** The bytes of {@code static/<path>} in this theme, if it has that file; {@code path} is already vetted. */
    Optional<byte[]> readStatic(String path, ClassLoader loader) throws IOException {
        if (dir.isPresent()) {
            Path file = dir.get().resolve("static").resolve(path);
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(BUNDLED + name + "/static/" + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
