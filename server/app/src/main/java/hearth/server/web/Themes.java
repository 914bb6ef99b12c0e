package hearth.server.web;

import hearth.server.config.ConfigException;
import hearth.server.config.Setting;
import io.pebbletemplates.pebble.loader.Loader;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The active theme and its ancestors, nearest first: a template or static file is taken from the first theme in the
 * chain that has it, so a theme overrides what it needs and inherits the rest (down to the bundled default).
 */
public final class Themes {

    private final List<Theme> chain;
    private final String fingerprint;

    private Themes(List<Theme> chain, String appVersion) {
        this.chain = List.copyOf(chain);
        this.fingerprint = fingerprint(chain, appVersion);
    }

    public static Themes load(String active, Path themesDir, ClassLoader loader, String appVersion) {
        List<Theme> chain = new ArrayList<>();
        String next = active;
        while (next != null) {
            String name = next;
            if (chain.stream().anyMatch(t -> t.name().equals(name))) {
                throw new ConfigException(Setting.THEME, "Theme " + active + " has a parent loop at " + name);
            }
            Theme theme = Theme.find(name, themesDir, loader).orElseThrow(() -> new ConfigException(Setting.THEME,
                    "Theme '" + name + "' is neither in " + themesDir + " nor bundled"));
            chain.add(theme);
            next = theme.parent();
        }
        if (!chain.getLast().name().equals("default")) {
            chain.addAll(load("default", themesDir, loader, appVersion).chain);
        }
        return new Themes(chain, appVersion);
    }

    public List<Theme> chain() {
        return chain;
    }

    List<Loader<?>> templateLoaders(ClassLoader loader) {
        return chain.stream().<Loader<?>>map(t -> t.templateLoader(loader)).toList();
    }

    /** Changes whenever the software or any theme in the chain changes version, so cached assets are replaced. */
    public String assetPath() {
        return "/assets/" + fingerprint;
    }

    /**
     * An installed theme replaced by an upload may keep its version number: the time its files were written tells
     * the two apart, so browsers do not keep the old files.
     */
    private static String installedAt(Theme theme) {
        return theme.dir().map(d -> {
            try {
                return "/" + Files.getLastModifiedTime(d.resolve("theme.properties")).toMillis();
            } catch (IOException e) {
                return "";
            }
        }).orElse("");
    }

    private static String fingerprint(List<Theme> chain, String appVersion) {
        StringBuilder key = new StringBuilder(appVersion);
        chain.forEach(t -> key.append('|').append(t.name()).append('@').append(t.version()).append(installedAt(t)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
