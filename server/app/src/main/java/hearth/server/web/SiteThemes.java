package hearth.server.web;

import hearth.server.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which themes the site has and which one it shows: the active (site) theme, chosen by an admin at run time, and the
 * themes members may pick for themselves. Theme chains are loaded once per theme and kept until a theme is installed,
 * replaced or deleted, so a request only looks a chain up in a map. The choice itself is stored by the appearance
 * feature; this class holds what is in force on this node.
 */
public final class SiteThemes {

    /** The themes that travel in the jar; they cannot be replaced by an upload or deleted. */
    public static final List<String> BUNDLED = List.of("default", "classic");

    /** A theme an admin can choose: its name (the folder), version, parent, and whether it came with Hearth. */
    public record Available(String name, String version, String parent, boolean bundled) {
    }

    private final Path dir;
    private final ClassLoader loader;
    private final String appVersion;
    private final Map<String, Themes> chains = new ConcurrentHashMap<>();
    private volatile String active;
    private volatile Set<String> enabled = Set.of();

    /** {@code initial} is the {@code --theme} setting; a theme that cannot be loaded stops start-up. */
    public SiteThemes(Path dir, ClassLoader loader, String appVersion, String initial) {
        this.dir = dir;
        this.loader = loader;
        this.appVersion = appVersion;
        chain(initial);
        this.active = initial;
    }

    /** Where installed themes live: {@code <data-dir>/themes}. */
    public Path dir() {
        return dir;
    }

    public String active() {
        return active;
    }

    /** The themes members may choose besides the site's own (which is always theirs to fall back on). */
    public Set<String> enabled() {
        return enabled;
    }

    /** Makes {@code name} the site's theme; it must load (checked with {@link #problem} by the caller). */
    public void activate(String name) {
        chain(name);
        active = name;
    }

    /** Replaces the themes members may pick; names that no longer load are dropped. */
    public void enable(Set<String> names) {
        Set<String> usable = new LinkedHashSet<>();
        names.stream().filter(n -> problem(n).isEmpty()).forEach(usable::add);
        enabled = Set.copyOf(usable);
    }

    /**
     * The theme a request renders with: the member's pick if it is still enabled (or is the site's), else the site's.
     */
    public String forViewer(String pick) {
        String site = active;
        if (pick == null || pick.isEmpty() || pick.equals(site) || !enabled.contains(pick)) {
            return site;
        }
        // Loaded already on nearly every request; a theme whose folder went away since falls back, not to an error.
        return chains.containsKey(pick) || problem(pick).isEmpty() ? pick : site;
    }

    /** Why {@code name} cannot be used (not there, a broken parent chain), if it cannot. */
    public Optional<String> problem(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            return Optional.of("There is no theme called " + name + ".");
        }
        try {
            chain(name);
            return Optional.empty();
        } catch (ConfigException | UncheckedIOException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The theme and its ancestors, loaded once. */
    public Themes chain(String name) {
        Themes cached = chains.get(name);
        if (cached != null) {
            return cached;
        }
        Themes loaded = Themes.load(name, dir, loader, appVersion);
        chains.put(name, loaded);
        return loaded;
    }

    /** The loaded chain whose assets are served under this fingerprint, if any. */
    Optional<Themes> byAssetPath(String assetPath) {
        return chains.values().stream().filter(c -> c.assetPath().equals(assetPath)).findFirst();
    }

    /**
     * Drops every loaded chain after a theme was installed, replaced or deleted (a child names its parent, so any
     * chain may hold it); they load again on next use, and the template engines built on them are rebuilt.
     */
    public void forgetChains() {
        chains.clear();
        chain(active);
    }

    /** Bundled themes first, then the installed ones, by name; an installed theme that shadows a bundled one counts once. */
    public List<Available> available() {
        List<Available> all = new ArrayList<>();
        for (String name : BUNDLED) {
            Theme.find(name, dir, loader).ifPresent(t -> all.add(new Available(name, t.version(), t.parent(), true)));
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> folders = Files.list(dir)) {
                folders.filter(f -> Files.isRegularFile(f.resolve("theme.properties")))
                        .map(f -> f.getFileName().toString())
                        .filter(n -> !BUNDLED.contains(n) && n.matches("[a-z0-9][a-z0-9-]{0,39}"))
                        .sorted()
                        .forEach(n -> Theme.find(n, dir, loader).ifPresent(t ->
                                all.add(new Available(n, t.version(), t.parent(), false))));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + dir, e);
            }
        }
        return all;
    }

    public boolean exists(String name) {
        return available().stream().anyMatch(a -> a.name().equals(name));
    }
}
