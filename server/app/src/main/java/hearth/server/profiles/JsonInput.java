package hearth.server.profiles;

import hearth.api.errors.InvalidInput;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, optional members of an API request body: absent gives null (leave as is), the wrong type a 400 naming the
 * field. Unknown members are refused, so a misspelt field is not silently ignored.
 */
final class JsonInput {

    private JsonInput() {
    }

    static void onlyKnown(JsonObject body, Set<String> known) {
        for (String key : body.fieldNames()) {
            if (!known.contains(key)) {
                throw new InvalidInput(key, "There is no field called " + key + " to change here; use "
                        + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        }
    }

    /** A string, null for absent; JSON null reads as empty (clear it). */
    static String string(JsonObject body, String key) {
        return string(body.containsKey(key), body.getValue(key), key);
    }

    static Boolean bool(JsonObject body, String key) {
        if (!body.containsKey(key)) {
            return null;
        }
        if (body.getValue(key) instanceof Boolean b) {
            return b;
        }
        throw new InvalidInput(key, "Send " + key + " as true or false.");
    }

    /** An object of strings (or nulls, read as empty), keyed by its members' names; null for absent. */
    static Map<String, String> strings(JsonObject body, String key) {
        if (!body.containsKey(key)) {
            return null;
        }
        if (!(body.getValue(key) instanceof JsonObject object)) {
            throw new InvalidInput(key, "Send " + key + " as an object.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : object.fieldNames()) {
            values.put(name, string(true, object.getValue(name), key + "." + name));
        }
        return values;
    }

    /** An array of strings; null for absent. */
    static List<String> stringList(JsonObject body, String key) {
        if (!body.containsKey(key)) {
            return null;
        }
        if (!(body.getValue(key) instanceof JsonArray array)) {
            throw new InvalidInput(key, "Send " + key + " as an array of strings.");
        }
        List<String> values = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String s)) {
                throw new InvalidInput(key, "Send " + key + " as an array of strings.");
            }
            values.add(s);
        }
        return values;
    }

    private static String string(boolean present, Object value, String key) {
        if (!present) {
            return null;
        }
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        throw new InvalidInput(key, "Send " + key + " as a string.");
    }
}
