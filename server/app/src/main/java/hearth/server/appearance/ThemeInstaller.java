package hearth.server.appearance;

import hearth.api.errors.Conflict;
import hearth.api.errors.NotFound;
import hearth.server.web.SiteThemes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Installs and deletes themes in {@code <data-dir>/themes}. An upload is checked completely ({@link ThemeZip}), then
 * unpacked into a folder under {@code <data-dir>/tmp} and moved into place in one step, so a half-written theme is
 * never seen and a refused one writes nothing. The same name replaces an installed theme.
 */
public final class ThemeInstaller {

    private final SiteThemes themes;
    private final Path staging;

    public ThemeInstaller(SiteThemes themes, Path staging) {
        this.themes = themes;
        this.staging = staging;
    }

    /** Checks and installs a theme zip; returns the checked theme. Blocks; one install or delete at a time. */
    public synchronized ThemeZip.Checked install(Path zip) {
        ThemeZip.Checked theme = ThemeZip.read(zip, p -> themes.exists(p) && themes.problem(p).isEmpty(), new HashSet<>(SiteThemes.BUNDLED));
        try {
            Files.createDirectories(staging);
            Files.createDirectories(themes.dir());
            Path unpacked = staging.resolve("theme-" + UUID.randomUUID());
            try {
                for (Map.Entry<String, byte[]> file : theme.files().entrySet()) {
                    Path target = unpacked.resolve(file.getKey()).normalize();
                    if (!target.startsWith(unpacked)) {
                        throw new IllegalStateException("Checked entry escaped: " + file.getKey());
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, file.getValue());
                }
            } catch (IOException | RuntimeException e) {
                if (Files.exists(unpacked)) {
                    deleteTree(unpacked); // a full disk must not leave half themes behind in tmp
                }
                throw e;
            }
            Path destination = themes.dir().resolve(theme.name());
            Path old = null;
            if (Files.exists(destination)) {
                old = staging.resolve("replaced-" + UUID.randomUUID());
                Files.move(destination, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(unpacked, destination, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install theme " + theme.name(), e);
        }
        themes.forgetChains();
        return theme;
    }

    /** Deletes an installed theme that is neither bundled nor in use as the site's theme or another's parent. */
    public synchronized void delete(String name) {
        if (SiteThemes.BUNDLED.contains(name)) {
            throw new Conflict("The " + name + " theme comes with Hearth and cannot be deleted.");
        }
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}") || !Files.isRegularFile(themes.dir().resolve(name)
                .resolve("theme.properties"))) {
            throw new NotFound("There is no installed theme called " + name + ".");
        }
        if (name.equals(themes.active())) {
            throw new Conflict("The " + name + " theme is the site's theme; choose another before deleting it.");
        }
        themes.available().stream().filter(t -> name.equals(t.parent())).findFirst().ifPresent(child -> {
            throw new Conflict("The " + child.name() + " theme inherits from " + name + "; delete it first.");
        });
        try {
            Files.createDirectories(staging);
            Path gone = staging.resolve("deleted-" + UUID.randomUUID());
            Files.move(themes.dir().resolve(name), gone, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(gone);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete theme " + name, e);
        }
        themes.forgetChains();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Whether requests to {@code path} may carry a theme zip (and so a body up to {@link ThemeZip#MAX_BYTES}). */
    public static boolean isUploadPath(String path) {
        return path.equals("/admin/appearance/themes") || path.equals("/api/v1/admin/themes");
    }
}
