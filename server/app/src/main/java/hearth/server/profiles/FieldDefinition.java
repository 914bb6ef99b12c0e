package hearth.server.profiles;

import hearth.api.errors.InvalidInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What an admin enters to add or change a custom profile field, checked. */
public record FieldDefinition(String label, FieldKind kind, List<String> options, FieldVisibility visibility) {

    public static final int LABEL_MAX = 60;
    public static final int OPTION_MAX = 60;
    public static final int OPTIONS_MAX = 50;
    static final String NO_OPTIONS = "List the choices, one per line.";

    /**
     * Checks the form's raw values; {@code kind} may be null when editing (a field's kind never changes).
     * Options come one per line; blank lines are dropped.
     */
    public static FieldDefinition parse(String label, String kind, String options, String visibility) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanLabel = label.strip();
        if (cleanLabel.isEmpty()) {
            errors.put("label", "Enter a label.");
        } else {
            ProfileRules.lineProblem(cleanLabel, LABEL_MAX, "A label").ifPresent(m -> errors.put("label", m));
        }
        FieldKind parsedKind = kind == null ? null : FieldKind.parse(kind).orElse(null);
        if (kind != null && parsedKind == null) {
            errors.put("kind", "Choose text, link or select.");
        }
        List<String> cleanOptions = new ArrayList<>();
        if (parsedKind == FieldKind.SELECT || parsedKind == null) {
            optionsProblem(options, cleanOptions).ifPresent(m -> errors.put("options", m));
            if (parsedKind == FieldKind.SELECT && cleanOptions.isEmpty() && !errors.containsKey("options")) {
                errors.put("options", NO_OPTIONS);
            }
        }
        FieldVisibility parsedVisibility = FieldVisibility.parse(visibility).orElse(null);
        if (parsedVisibility == null) {
            errors.put("visibility", "Choose who can see this field: everyone, members or staff.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new FieldDefinition(cleanLabel, parsedKind, cleanOptions, parsedVisibility);
    }

    private static java.util.Optional<String> optionsProblem(String raw, List<String> out) {
        Set<String> seen = new HashSet<>();
        for (String line : raw.split("\r?\n|\r")) {
            String option = line.strip();
            if (option.isEmpty()) {
                continue;
            }
            java.util.Optional<String> problem = ProfileRules.lineProblem(option, OPTION_MAX, "An option");
            if (problem.isPresent()) {
                return problem;
            }
            if (!seen.add(option.toLowerCase(Locale.ROOT))) {
                return java.util.Optional.of("The option \"" + option + "\" is listed twice.");
            }
            out.add(option);
        }
        if (out.size() > OPTIONS_MAX) {
            return java.util.Optional.of("A select has at most " + OPTIONS_MAX + " options.");
        }
        return java.util.Optional.empty();
    }
}
