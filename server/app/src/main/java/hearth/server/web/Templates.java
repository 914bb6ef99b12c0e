package hearth.server.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders pages with Pebble from the theme chain. Output is HTML-escaped unless a template says otherwise; compiled
 * templates are cached, and {@link #warm} compiles the core ones at start so no request reads a template file.
 */
public final class Templates {

    private static final Logger log = LoggerFactory.getLogger(Templates.class);

    private final PebbleEngine engine;
    private final Map<String, Object> globals;

    public Templates(Themes themes, ClassLoader loader, Map<String, Object> globals) {
        DelegatingLoader chain = new DelegatingLoader(themes.templateLoaders(loader));
        chain.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(chain)
                .autoEscaping(true)
                .strictVariables(false)
                .cacheActive(true)
                .build();
        this.globals = Map.copyOf(globals);
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
        for (String name : names) {
            try {
                engine.getTemplate(name);
            } catch (RuntimeException e) {
                log.error("Template {} does not compile: {}", name, e.getMessage());
            }
        }
    }
}
