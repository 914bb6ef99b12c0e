package hearth.api.web;

import java.util.Map;

/**
 * The plugin's templates: Pebble files under {@code hearth-plugin/<id>/templates/} in its jar, addressed
 * {@code <id>::name} (without {@code .peb}). A theme overrides one by holding {@code templates/x/<id>/name.peb}.
 * Output is HTML-escaped unless the template says otherwise. Rendering does no I/O after the first use.
 */
public interface PluginTemplates {

    /** Renders a template (usually a fragment for a slot) with the given variables. */
    Html render(String template, Map<String, ?> model);
}
