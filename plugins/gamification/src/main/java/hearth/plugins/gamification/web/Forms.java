package hearth.plugins.gamification.web;

import hearth.api.errors.InvalidInput;
import hearth.api.web.PageRequest;

/** Reading the plugin's form fields (and the same fields of JSON bodies) with clear messages. */
final class Forms {

    private Forms() {
    }

    static String text(PageRequest request, String name) {
        return request.form(name).orElse("").strip();
    }

    /** A whole number field; {@code fallback} when empty. */
    static long number(PageRequest request, String name, long fallback, String message) {
        String raw = text(request, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, message);
        }
    }

    /** A number in the query string; {@code fallback} when absent. */
    static long query(PageRequest request, String name, long fallback, String message) {
        String raw = request.query(name).orElse("").strip();
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, message);
        }
    }
}
