package hearth.server.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders pages with Pebble from the theme chain. Output is HTML-escaped unless a template says otherwise; compiled
 * templates are cached, and {@link #warm} compiles the core ones at start so no request reads a template file.
 */
public final class Templates {

    private static final Logger log = LoggerFactory.getLogger(Templates.class);

    private final Themes themes;
    private final ClassLoader loader;
    private final Map<String, Object> globals;
    private final Function<String, Optional<ClassLoader>> plugins;
    private final List<Extension> extensions;
    private final List<String> warmed = new CopyOnWriteArrayList<>();
    private volatile PebbleEngine engine;

    /**
     * @param plugins    the class loader of a running plugin by id, for its templates ({@code <id>::name})
     * @param extensions functions templates may call (e.g. {@code slot})
     */
    public Templates(Themes themes, ClassLoader loader, Map<String, Object> globals,
                     Function<String, Optional<ClassLoader>> plugins, List<Extension> extensions) {
        this.themes = themes;
        this.loader = loader;
        this.globals = Map.copyOf(globals);
        this.plugins = plugins;
        this.extensions = List.copyOf(extensions);
        this.engine = build();
    }

    public Templates(Themes themes, ClassLoader loader, Map<String, Object> globals) {
        this(themes, loader, globals, id -> Optional.empty(), List.of());
    }

    private PebbleEngine build() {
        List<Loader<?>> themeLoaders = themes.templateLoaders(loader);
        themeLoaders.forEach(l -> l.setSuffix(".peb"));
        List<Loader<?>> all = new ArrayList<>(themeLoaders);
        all.add(new PluginTemplateLoader(themeLoaders, plugins));
        DelegatingLoader chain = new DelegatingLoader(all);
        chain.setSuffix(".peb");
        return new PebbleEngine.Builder()
                .loader(chain)
                .extension(extensions.toArray(Extension[]::new))
                .autoEscaping(true)
                .strictVariables(false)
                .cacheActive(true)
                .build();
    }

    /**
     * Starts over with a new engine: after a plugin starts or stops, so no compiled template or reflection cache
     * keeps a stopped plugin's classes alive, and an upgraded plugin's templates are read afresh. The core's
     * templates and {@code pluginTemplates} are compiled before the new engine serves, so no request compiles (and
     * reads a jar) on an event loop.
     */
    public void reload(List<String> pluginTemplates) {
        PebbleEngine fresh = build();
        compile(fresh, warmed);
        compile(fresh, pluginTemplates);
        engine = fresh;
    }

    public String render(String template, Map<String, ?> model) {
        Map<String, Object> context = new HashMap<>(globals);
        context.putAll(model);
        StringWriter out = new StringWriter(8192);
        try {
            engine.getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Compiles templates ahead of the first request; a broken one is logged, and fails the pages that use it. */
    public void warm(List<String> names) {
        warmed.addAll(names);
        compile(engine, names);
    }

    private static void compile(PebbleEngine engine, List<String> names) {
        for (String name : names) {
            try {
                engine.getTemplate(name);
            } catch (RuntimeException e) {
                log.error("Template {} does not compile: {}", name, e.getMessage());
            }
        }
    }
}
