package hearth.server.discussions;

import hearth.api.errors.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A category as an admin typed it, checked: name 1–60 characters, description up to 500, a colour {@code #rrggbb},
 * a parent (0: top level) and the three audiences. Every problem is reported at once, one message per field.
 */
public record CategoryForm(String name, String description, String color, long parentId, Audience see,
                           Audience startTopic, Audience reply) {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** Reads the fields by name ({@code name}, {@code description}, {@code color}, {@code parentId}, ...). */
    public static CategoryForm parse(Function<String, String> field) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = field.apply("name").strip();
        if (name.isEmpty() || name.length() > 60) {
            errors.put("name", "Give the category a name of 1 to 60 characters.");
        }
        String description = field.apply("description").strip();
        if (description.length() > 500) {
            errors.put("description", "Keep the description to 500 characters.");
        }
        String color = field.apply("color").strip();
        if (!COLOR.matcher(color).matches()) {
            errors.put("color", "Choose a colour as #rrggbb, e.g. #5b6ee1.");
        }
        long parentId = 0;
        String parent = field.apply("parentId").strip();
        if (!parent.isEmpty() && !parent.equals("0")) {
            try {
                parentId = Long.parseLong(parent);
            } catch (NumberFormatException e) {
                errors.put("parentId", "Choose a parent category from the list, or none.");
            }
        }
        Audience see = audience(field, "see", Audience.EVERYONE, errors);
        Audience startTopic = audience(field, "startTopic", Audience.MEMBERS, errors);
        Audience reply = audience(field, "reply", Audience.MEMBERS, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new CategoryForm(name, description, color.toLowerCase(java.util.Locale.ROOT), parentId, see,
                startTopic, reply);
    }

    private static Audience audience(Function<String, String> field, String name, Audience fallback,
                                     Map<String, String> errors) {
        String typed = field.apply(name).strip();
        if (typed.isEmpty()) {
            return fallback;
        }
        try {
            return Audience.parse(typed, name);
        } catch (InvalidInput invalid) {
            errors.putAll(invalid.errors());
            return fallback;
        }
    }
}
