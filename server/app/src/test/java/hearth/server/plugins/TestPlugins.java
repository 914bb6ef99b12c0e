package hearth.server.plugins;

import hearth.api.HearthExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds real plugin jars for tests, the way the plugin build does: a manifest, PF4J's extension index, the manifest
 * class (with its nested classes) and resources. The classes come from the test classes, but PF4J loads them from the
 * jar first, in the plugin's own class loader.
 */
final class TestPlugins {

    private final String id;
    private String version = "1.0.0";
    private String requires = ">=1.0.0 & <2.0.0";
    private String dependencies = "";
    private Class<? extends HearthExtension> extension;
    private final Map<String, String> resources = new LinkedHashMap<>();

    private TestPlugins(String id) {
        this.id = id;
    }

    static TestPlugins plugin(String id, Class<? extends HearthExtension> extension) {
        TestPlugins plugin = new TestPlugins(id);
        plugin.extension = extension;
        return plugin;
    }

    TestPlugins version(String value) {
        version = value;
        return this;
    }

    TestPlugins requires(String range) {
        requires = range;
        return this;
    }

    TestPlugins dependsOn(String list) {
        dependencies = list;
        return this;
    }

    /** A migration {@code hearth-plugin/<id>/db/migration/<file>}. */
    TestPlugins migration(String file, String sql) {
        return resource("hearth-plugin/" + id + "/db/migration/" + file, sql);
    }

    TestPlugins template(String name, String pebble) {
        return resource("hearth-plugin/" + id + "/templates/" + name + ".peb", pebble);
    }

    TestPlugins resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    byte[] bytes() {
        try (var out = new java.io.ByteArrayOutputStream()) {
            write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Path jar = dir.resolve(id + "-" + version + ".jar");
            try (OutputStream out = Files.newOutputStream(jar)) {
                write(out);
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(OutputStream target) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Requires", requires);
        main.putValue("Plugin-Description", "Test plugin " + id);
        main.putValue("Plugin-Provider", "Hearth tests");
        if (!dependencies.isEmpty()) {
            main.putValue("Plugin-Dependencies", dependencies);
        }
        try (JarOutputStream jar = new JarOutputStream(target, manifest)) {
            TreeSet<String> dirs = new TreeSet<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("META-INF/extensions.idx", (extension.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            classFiles(extension).forEach(files::put);
            resources.forEach((path, content) -> files.put(path, content.getBytes(StandardCharsets.UTF_8)));
            for (String path : files.keySet()) {
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    dirs.add(path.substring(0, slash + 1));
                }
            }
            dirs.remove("META-INF/");
            for (String dir : dirs) {
                jar.putNextEntry(new JarEntry(dir));
                jar.closeEntry();
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                jar.putNextEntry(new JarEntry(file.getKey()));
                jar.write(file.getValue());
                jar.closeEntry();
            }
        }
    }

    /** The class's own file and those of its nested and anonymous classes. */
    private static Map<String, byte[]> classFiles(Class<?> type) throws IOException {
        Path root;
        try {
            root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String path = type.getName().replace('.', '/');
        Path folder = root.resolve(path).getParent();
        String simple = path.substring(path.lastIndexOf('/') + 1);
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> {
                String name = f.getFileName().toString();
                return name.equals(simple + ".class") || name.startsWith(simple + "$");
            }).forEach(found::add);
        }
        String pkg = path.substring(0, path.lastIndexOf('/') + 1);
        for (Path file : found) {
            out.put(pkg + file.getFileName(), Files.readAllBytes(file));
        }
        return out;
    }
}
