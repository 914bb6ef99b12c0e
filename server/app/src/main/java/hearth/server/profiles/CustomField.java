package hearth.server.profiles;

import java.util.List;
import java.util.Optional;

/** A field admins added to every profile; {@code options} are a select's choices (empty for other kinds). */
public record CustomField(long id, String label, FieldKind kind, List<String> options, FieldVisibility visibility,
                          int position) {

    public CustomField {
        options = List.copyOf(options);
    }

    /** The name of this field's input on forms and its key in API errors. */
    public String inputName() {
        return inputName(id);
    }

    public static String inputName(long id) {
        return "fields." + id;
    }

    /** Why a member's answer is not acceptable, if it is not; empty answers are always fine (they clear it). */
    public Optional<String> problem(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (kind) {
            case TEXT -> ProfileRules.lineProblem(value, ProfileRules.FIELD_TEXT_MAX, label);
            case LINK -> ProfileRules.linkProblem(value);
            case SELECT -> options.contains(value) ? Optional.empty()
                    : Optional.of("Choose one of the options for " + label + ".");
        };
    }

    // Pebble reads these as properties.
    public String kindKey() {
        return kind.key();
    }

    public String visibilityKey() {
        return visibility.key();
    }

    /** A select's options for the form's drop-down list. */
    public List<java.util.Map<String, String>> choices() {
        return options.stream().map(o -> java.util.Map.of("value", o, "label", o)).toList();
    }

    public String optionsText() {
        return String.join("\n", options);
    }
}
