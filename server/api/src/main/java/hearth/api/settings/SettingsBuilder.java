package hearth.api.settings;

import java.util.List;

/**
 * Declares a plugin's settings; the admin form (labels, inputs, validation messages) is generated from them. Keys
 * are kebab-case and unique within the plugin. A value stored by an earlier version that no longer fits (e.g. out of
 * range) is replaced by the default.
 */
public interface SettingsBuilder {

    /** One line of text, at most {@code maxLength} characters; may be empty. */
    Setting<String> text(String key, String label, String defaultValue, int maxLength);

    /** A whole number from {@code min} to {@code max}. */
    Setting<Integer> number(String key, String label, int defaultValue, int min, int max);

    /** On or off. */
    Setting<Boolean> toggle(String key, String label, boolean defaultValue);

    /** One of {@code choices}. */
    Setting<String> choice(String key, String label, String defaultValue, List<String> choices);
}
