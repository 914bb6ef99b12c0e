package hearth.api.web;

import java.util.Map;
import java.util.Objects;

/**
 * What a plugin route answers: a page rendered from a template, JSON, a redirect or plain text.
 *
 * @param status      the HTTP status
 * @param template    for pages: the template, {@code <plugin-id>::name}; else null
 * @param model       for pages: the template's variables (the server adds {@code viewer} and {@code csrf})
 * @param body        for JSON: the value to serialise (records, maps, lists, strings, numbers); for text: the text
 * @param contentType for JSON and text: the media type
 * @param location    for redirects: where to
 */
public record PageResponse(int status, String template, Map<String, ?> model, Object body, String contentType,
                           String location) {

    /** A 200 page: {@code template} rendered with {@code model}; extend {@code "layout"} for the site's frame. */
    public static PageResponse page(String template, Map<String, ?> model) {
        return new PageResponse(200, Objects.requireNonNull(template), Map.copyOf(model), null, null, null);
    }

    /** A 200 JSON answer. */
    public static PageResponse json(Object value) {
        return new PageResponse(200, null, Map.of(), Objects.requireNonNull(value), "application/json", null);
    }

    /** A see-other redirect, the answer to a successful form post. */
    public static PageResponse redirect(String location) {
        return new PageResponse(303, null, Map.of(), null, null, Objects.requireNonNull(location));
    }

    /** Plain text with the given status. */
    public static PageResponse text(int status, String text) {
        return new PageResponse(status, null, Map.of(), Objects.requireNonNull(text), "text/plain; charset=utf-8", null);
    }

    /** The same answer with another status (e.g. 201 or 400). */
    public PageResponse withStatus(int newStatus) {
        return new PageResponse(newStatus, template, model, body, contentType, location);
    }
}
