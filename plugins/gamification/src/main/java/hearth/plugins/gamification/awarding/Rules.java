package hearth.plugins.gamification.awarding;

import hearth.api.settings.Setting;
import hearth.api.settings.SettingsBuilder;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rules points follow, as settings admins change: points and a daily cap per action, an overall daily cap, how
 * many likes between the same two members count per day, and the time zone days are counted in. A change applies to
 * what happens next; a replay applies it to the whole history.
 */
public final class Rules {

    private final Map<Action, Setting<Integer>> points = new EnumMap<>(Action.class);
    private final Map<Action, Setting<Integer>> caps = new EnumMap<>(Action.class);
    private final Setting<Integer> dailyCap;
    private final Setting<Integer> likePairCap;
    private final Setting<String> timeZone;

    public Rules(SettingsBuilder settings) {
        for (Action action : Action.values()) {
            points.put(action, settings.number("points-" + action.key(), "Points: " + action.label().toLowerCase(),
                    action.defaultPoints(), 0, 1000));
            caps.put(action, settings.number("cap-" + action.key(), "Daily cap (points, 0 for none): "
                    + action.label().toLowerCase(), action.defaultCap(), 0, 100_000));
        }
        dailyCap = settings.number("daily-cap", "Daily cap on all points together (0 for none)", 150, 0, 100_000);
        likePairCap = settings.number("like-pair-cap",
                "Likes from one member to another that count per day", 3, 1, 1000);
        timeZone = settings.text("time-zone", "Time zone days are counted in (e.g. Europe/Berlin)", "UTC", 60);
    }

    public int points(Action action) {
        return points.get(action).get();
    }

    /** The action's daily cap in points; 0 for none. */
    public int cap(Action action) {
        return caps.get(action).get();
    }

    public int dailyCap() {
        return dailyCap.get();
    }

    public int likePairCap() {
        return likePairCap.get();
    }

    /** The site's time zone for counting days; UTC when the setting is not a zone Java knows. */
    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone.get().strip());
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
