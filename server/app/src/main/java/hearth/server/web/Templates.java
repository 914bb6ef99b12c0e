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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders pages with Pebble from a theme chain. Output is HTML-escaped unless a template says otherwise; compiled
 * templates are cached, and {@link #warm} compiles the core ones at start so no request reads a template file.
 *
 * <p>There is one engine per theme in use (the site's, and the ones members picked), built once and kept until the
 * theme's chain changes. A page names its theme in the model ({@link #THEME}); a template rendered while a page
 * renders (a plugin's slot) takes the page's theme, anything else the site's.
 */
public final class Templates {

    /** The model key naming the theme a page renders with. */
    public static final String THEME = "siteTheme";

    private static final Logger log = LoggerFactory.getLogger(Templates.class);
    /** The theme of the page rendering on this thread, for templates rendered inside it (slots). */
    private static final ThreadLocal<String> RENDERING = new ThreadLocal<>();

    private record Engine(Themes chain, PebbleEngine pebble) {
    }

    private final SiteThemes themes;
    private final ClassLoader loader;
    private final Map<String, Object> globals;
    private final Function<String, Optional<ClassLoader>> plugins;
    private final List<Extension> extensions;
    private final List<String> warmed = new CopyOnWriteArrayList<>();
    private final List<String> pluginWarmed = new CopyOnWriteArrayList<>();
    private final Map<String, Engine> engines = new ConcurrentHashMap<>();

    /**
     * @param plugins    the class loader of a running plugin by id, for its templates ({@code <id>::name})
     * @param extensions functions templates may call (e.g. {@code slot})
     */
    public Templates(SiteThemes themes, ClassLoader loader, Map<String, Object> globals,
                     Function<String, Optional<ClassLoader>> plugins, List<Extension> extensions) {
        this.themes = themes;
        this.loader = loader;
        this.globals = Map.copyOf(globals);
        this.plugins = plugins;
        this.extensions = List.copyOf(extensions);
        engine(themes.active());
    }

    public Templates(SiteThemes themes, ClassLoader loader, Map<String, Object> globals) {
        this(themes, loader, globals, id -> Optional.empty(), List.of());
    }

    private PebbleEngine build(Themes chain) {
        List<Loader<?>> themeLoaders = chain.templateLoaders(loader);
        themeLoaders.forEach(l -> l.setSuffix(".peb"));
        List<Loader<?>> all = new ArrayList<>(themeLoaders);
        all.add(new PluginTemplateLoader(themeLoaders, plugins));
        DelegatingLoader delegating = new DelegatingLoader(all);
        delegating.setSuffix(".peb");
        return new PebbleEngine.Builder()
                .loader(delegating)
                .extension(extensions.toArray(Extension[]::new))
                .autoEscaping(true)
                .strictVariables(false)
                .cacheActive(true)
                .build();
    }

    /** The engine of a theme, built (and its core templates compiled) on first use or after its chain changed. */
    private Engine engine(String theme) {
        Themes chain = themes.chain(theme);
        Engine current = engines.get(theme);
        if (current != null && current.chain() == chain) {
            return current;
        }
        PebbleEngine fresh = build(chain);
        compile(fresh, warmed);
        compile(fresh, pluginWarmed);
        Engine built = new Engine(chain, fresh);
        engines.put(theme, built);
        return built;
    }

    /**
     * Builds a theme's engine ahead of its first page (off the event loop: compiling reads template files), after an
     * admin activated or enabled it.
     */
    public void prepare(String theme) {
        engine(theme);
    }

    /**
     * Starts over with new engines: after a plugin starts or stops, so no compiled template or reflection cache
     * keeps a stopped plugin's classes alive, and an upgraded plugin's templates are read afresh. The core's
     * templates and {@code pluginTemplates} are compiled before the new engine serves, so no request compiles (and
     * reads a jar) on an event loop. Engines of themes nobody uses now are dropped rather than rebuilt.
     */
    public void reload(List<String> pluginTemplates) {
        pluginWarmed.clear();
        pluginWarmed.addAll(pluginTemplates);
        Set<String> inUse = new HashSet<>(themes.enabled());
        inUse.add(themes.active());
        engines.keySet().retainAll(inUse);
        for (String theme : inUse) {
            try {
                Themes chain = themes.chain(theme);
                PebbleEngine fresh = build(chain);
                compile(fresh, warmed);
                compile(fresh, pluginTemplates);
                engines.put(theme, new Engine(chain, fresh));
            } catch (RuntimeException e) {
                log.error("Theme {} cannot be loaded: {}", theme, e.getMessage());
            }
        }
    }

    public String render(String template, Map<String, ?> model) {
        String theme = model.get(THEME) instanceof String named ? named
                : RENDERING.get() != null ? RENDERING.get() : themes.active();
        Engine engine = engine(theme);
        Map<String, Object> context = new HashMap<>(globals);
        context.put("assets", engine.chain().assetPath());
        context.putAll(model);
        StringWriter out = new StringWriter(8192);
        String outer = RENDERING.get();
        RENDERING.set(theme);
        try {
            engine.pebble().getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (outer == null) {
                RENDERING.remove();
            } else {
                RENDERING.set(outer);
            }
        }
        return out.toString();
    }

    /**
     * Why a theme cannot be the site's, if it cannot: the first of {@code names} (the layout, the pages every site
     * needs) that does not compile with it. Compiled in an engine of its own, so nothing serves from it. Blocks.
     */
    public Optional<String> problem(String theme, List<String> names) {
        PebbleEngine trial = build(themes.chain(theme));
        for (String name : names) {
            try {
                trial.getTemplate(name);
            } catch (RuntimeException e) {
                return Optional.of("Template " + name + " of theme " + theme + " does not compile: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Compiles templates ahead of the first request; a broken one is logged, and fails the pages that use it. */
    public void warm(List<String> names) {
        warmed.addAll(names);
        engines.values().forEach(e -> compile(e.pebble(), names));
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
