package hearth.server.appearance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fonts admins can choose: stacks of fonts that operating systems already have, so no page loads a web font
 * (nothing fetched from a CDN, nothing that tells a third party who reads the site).
 */
public final class Fonts {

    /** Keep the theme's own font. */
    public static final String THEME = "theme";

    /** Key to label, in the order the form lists them. */
    public static final Map<String, String> LABELS;
    private static final Map<String, String> STACKS = Map.of(
            "system", "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif",
            "humanist", "Seravek,\"Gill Sans Nova\",Ubuntu,Calibri,\"DejaVu Sans\",source-sans-pro,sans-serif",
            "serif", "Charter,\"Bitstream Charter\",\"Sitka Text\",Cambria,Georgia,serif",
            "mono", "ui-monospace,\"Cascadia Code\",\"Source Code Pro\",Menlo,Consolas,\"DejaVu Sans Mono\",monospace");

    static {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(THEME, "The theme's own");
        labels.put("system", "System interface (sans-serif)");
        labels.put("humanist", "Humanist sans-serif");
        labels.put("serif", "Serif");
        labels.put("mono", "Monospace");
        LABELS = java.util.Collections.unmodifiableMap(labels);
    }

    private Fonts() {
    }

    public static boolean known(String key) {
        return LABELS.containsKey(key);
    }

    static Optional<String> stack(String key) {
        return Optional.ofNullable(STACKS.get(key));
    }
}
