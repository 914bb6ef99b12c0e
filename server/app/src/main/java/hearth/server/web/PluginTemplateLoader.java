package hearth.server.web;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads plugin templates, named {@code <plugin-id>::<path>}: from the theme chain first ({@code x/<id>/<path>.peb},
 * so a theme can restyle a plugin), else from the running plugin's jar ({@code hearth-plugin/<id>/templates/}).
 */
final class PluginTemplateLoader implements Loader<String> {

    static final String SEPARATOR = "::";

    private final List<Loader<?>> themes;
    private final Function<String, Optional<ClassLoader>> plugins;

    PluginTemplateLoader(List<Loader<?>> themes, Function<String, Optional<ClassLoader>> plugins) {
        this.themes = themes;
        this.plugins = plugins;
    }

    @Override
    public Reader getReader(String name) {
        int split = name.indexOf(SEPARATOR);
        if (split <= 0) {
            throw new LoaderException(null, "Not a plugin template: " + name);
        }
        String plugin = name.substring(0, split);
        String path = name.substring(split + SEPARATOR.length());
        String themed = "x/" + plugin + "/" + path;
        for (Loader<?> theme : themes) {
            if (theme.resourceExists(themed)) {
                return readFrom(theme, themed);
            }
        }
        InputStream in = plugins.apply(plugin)
                .map(loader -> loader.getResourceAsStream("hearth-plugin/" + plugin + "/templates/" + path + ".peb"))
                .orElse(null);
        if (in == null) {
            throw new LoaderException(null, "Plugin template " + name + " not found (is plugin " + plugin
                    + " enabled?)");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static <K> Reader readFrom(Loader<K> loader, String name) {
        return loader.getReader(loader.createCacheKey(name));
    }

    @Override
    public void setCharset(String charset) {
        // always UTF-8
    }

    @Override
    public void setPrefix(String prefix) {
        // plugin templates have fixed places
    }

    @Override
    public void setSuffix(String suffix) {
        // always .peb
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return null; // plugin templates name others absolutely ("layout", "<id>::name")
    }

    @Override
    public String createCacheKey(String templateName) {
        return templateName;
    }

    @Override
    public boolean resourceExists(String templateName) {
        int split = templateName.indexOf(SEPARATOR);
        return split > 0 && plugins.apply(templateName.substring(0, split)).isPresent();
    }
}
