package hearth.server.tags;

import hearth.api.errors.InvalidInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a tag name and a topic's tag list must be: names of 1 to 30 lower-case letters, digits and hyphens (typed
 * capitals are lowered, so "Tomatoes" is the tag "tomatoes"), at most {@link #MAX_PER_TOPIC} different ones a topic.
 * Pure.
 */
public final class TagRules {

    public static final int MAX_PER_TOPIC = 5;
    public static final int NAME_MAX = 30;
    public static final int DESCRIPTION_MAX = 300;
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1," + NAME_MAX + "}");
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private TagRules() {
    }

    /** A name typed for one tag, trimmed and lower-cased, or an error on {@code field}. */
    public static String name(String field, String raw) {
        String name = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new InvalidInput(field, "Please give the tag a name.");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInput(field, badName(name));
        }
        return name;
    }

    /** A tag's description, trimmed, or an error on {@code field}. */
    public static String description(String field, String raw) {
        String description = raw == null ? "" : raw.strip();
        if (description.length() > DESCRIPTION_MAX) {
            throw new InvalidInput(field, "Please keep the description under " + DESCRIPTION_MAX + " characters.");
        }
        return description;
    }

    /** The names in a form's text box, separated by commas or spaces. */
    public static List<String> fromText(String raw) {
        List<String> names = new ArrayList<>();
        for (String part : SEPARATORS.split(raw == null ? "" : raw.strip())) {
            if (!part.isEmpty()) {
                names.add(part);
            }
        }
        return names;
    }

    /** A topic's tags: valid names, repeats dropped, in the order given; errors on {@code tags}. */
    public static List<String> topicTags(List<String> raw) {
        Set<String> names = new LinkedHashSet<>();
        for (String typed : raw) {
            String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
            if (!NAME.matcher(name).matches()) {
                throw new InvalidInput("tags", badName(name));
            }
            names.add(name);
        }
        if (names.size() > MAX_PER_TOPIC) {
            throw new InvalidInput("tags", "A topic can have at most " + MAX_PER_TOPIC + " tags (these are "
                    + names.size() + ").");
        }
        return List.copyOf(names);
    }

    private static String badName(String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return "\"" + shown + "\" is not a valid tag: use 1 to " + NAME_MAX
                + " lower-case letters, digits and hyphens.";
    }
}
