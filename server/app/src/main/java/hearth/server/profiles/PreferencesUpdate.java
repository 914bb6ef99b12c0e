package hearth.server.profiles;

import hearth.api.errors.InvalidInput;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to a member's preferences, checked. A null part (or a kind missing from {@code email}) stays as it is;
 * {@code ignored}, when given, replaces the whole list of ignored usernames.
 */
public record PreferencesUpdate(Map<NotificationKind, EmailFrequency> email, ThemeChoice theme, String timeZone,
                                List<String> ignored) {

    /**
     * Checks raw values: {@code email} maps kind keys to frequency keys. Fails with a message per bad field
     * ({@code email.<kind>}, {@code theme}, {@code timeZone}).
     */
    public static PreferencesUpdate parse(Map<String, String> email, String theme, String timeZone,
                                          List<String> ignored) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<NotificationKind, EmailFrequency> frequencies = new EnumMap<>(NotificationKind.class);
        email.forEach((key, value) -> {
            NotificationKind kind = NotificationKind.parse(key).orElse(null);
            if (kind == null) {
                errors.put("email." + key, "There is no such kind of notification: use replies, mentions, "
                        + "messages, other or digest.");
                return;
            }
            EmailFrequency frequency = EmailFrequency.parse(value).orElse(null);
            if (frequency == null || !kind.choices().contains(frequency)) {
                errors.put(kind.inputName(), kind == NotificationKind.DIGEST
                        ? "The digest can be sent daily, weekly or never."
                        : "Choose immediately, daily, weekly or never.");
            } else {
                frequencies.put(kind, frequency);
            }
        });
        ThemeChoice parsedTheme = null;
        if (theme != null) {
            parsedTheme = ThemeChoice.parse(theme).orElse(null);
            if (parsedTheme == null) {
                errors.put("theme", "Choose light, dark or auto.");
            }
        }
        String zone = null;
        if (timeZone != null) {
            String typed = timeZone.strip();
            java.util.Optional<String> problem = ProfileRules.zoneProblem(typed);
            if (problem.isPresent()) {
                errors.put("timeZone", problem.get());
            } else {
                zone = ZoneId.of(typed).getId();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new PreferencesUpdate(frequencies, parsedTheme, zone, ignored == null ? null : List.copyOf(ignored));
    }
}
