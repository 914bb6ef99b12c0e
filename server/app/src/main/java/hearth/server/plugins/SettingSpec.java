package hearth.server.plugins;

import hearth.api.errors.InvalidInput;
import java.util.List;
import java.util.Locale;

/**
 * One typed setting a plugin declared: what the admin form shows and how a typed value is checked. The form field
 * and the API error field are the setting's key.
 */
public record SettingSpec(String key, String label, Kind kind, Object defaultValue, int maxLength, int min, int max,
                          List<String> choices) {

    /** The kinds of setting, each with its own input. */
    public enum Kind {
        TEXT, NUMBER, TOGGLE, CHOICE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static SettingSpec text(String key, String label, String defaultValue, int maxLength) {
        return new SettingSpec(key, label, Kind.TEXT, defaultValue, maxLength, 0, 0, List.of());
    }

    static SettingSpec number(String key, String label, int defaultValue, int min, int max) {
        return new SettingSpec(key, label, Kind.NUMBER, defaultValue, 0, min, max, List.of());
    }

    static SettingSpec toggle(String key, String label, boolean defaultValue) {
        return new SettingSpec(key, label, Kind.TOGGLE, defaultValue, 0, 0, 0, List.of());
    }

    static SettingSpec choice(String key, String label, String defaultValue, List<String> choices) {
        return new SettingSpec(key, label, Kind.CHOICE, defaultValue, 0, 0, 0, List.copyOf(choices));
    }

    /** The value typed into the form (null: field absent), or an {@link InvalidInput} on this setting's field. */
    public Object parse(String typed) {
        String value = typed == null ? "" : typed.strip();
        return switch (kind) {
            case TEXT -> {
                if (value.length() > maxLength) {
                    throw new InvalidInput(key, label + ": at most " + maxLength + " characters, please.");
                }
                yield value;
            }
            case NUMBER -> {
                int number;
                try {
                    number = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new InvalidInput(key, label + ": enter a whole number from " + min + " to " + max + ".");
                }
                if (number < min || number > max) {
                    throw new InvalidInput(key, label + ": enter a whole number from " + min + " to " + max + ".");
                }
                yield number;
            }
            case TOGGLE -> switch (value.toLowerCase(Locale.ROOT)) {
                case "", "false", "off", "no" -> false;
                case "true", "on", "yes" -> true;
                default -> throw new InvalidInput(key, label + ": choose on or off.");
            };
            case CHOICE -> {
                if (!choices.contains(value)) {
                    throw new InvalidInput(key, label + ": choose one of " + String.join(", ", choices) + ".");
                }
                yield value;
            }
        };
    }

    /** How a value is stored and shown in a form. */
    public static String format(Object value) {
        return String.valueOf(value);
    }
}
