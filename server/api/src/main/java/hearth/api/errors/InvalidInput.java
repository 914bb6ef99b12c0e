package hearth.api.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that breaks a rule, with one message per field for the person to read next to the field. A handler that
 * shows a form catches it and renders the form again; anywhere else it becomes a 400 (JSON: the first field).
 */
public final class InvalidInput extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidInput(Map<String, String> errors) {
        super(errors.values().iterator().next(), null, false, false);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors)); // keeps the form's order
    }

    public InvalidInput(String field, String message) {
        this(Map.of(field, message));
    }

    public Map<String, String> errors() {
        return errors;
    }

    public String field() {
        return errors.keySet().iterator().next();
    }
}
