package hearth.plugins.volunteerroles.trust;

import hearth.api.settings.Setting;
import hearth.api.settings.SettingsBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What each trust level asks of a member, as settings admins can change. The defaults follow Discourse's: levels 1 and
 * 2 count everything a member ever did; level 3 counts only the last {@link #window} days, so it can lapse again.
 * Level 4 is given by admins only.
 */
public final class Requirements {

    /** One thing to reach: {@code needed} of {@code measure}, or for {@code atMost} measures no more than that. */
    public record Requirement(String measure, String label, Setting<Integer> needed, boolean atMost) {

        public boolean metBy(Activity activity) {
            int have = activity.get(measure);
            return atMost ? have <= needed.get() : have >= needed.get();
        }
    }

    private final List<List<Requirement>> levels = new ArrayList<>();
    private final Setting<Integer> window;

    public Requirements(SettingsBuilder settings) {
        levels.add(List.of());
        levels.add(List.of(
                need(settings, 1, Activity.TOPICS_ENTERED, 5),
                need(settings, 1, Activity.POSTS_READ, 30),
                need(settings, 1, Activity.READING_MINUTES, 10)));
        levels.add(List.of(
                need(settings, 2, Activity.DAYS_VISITED, 15),
                need(settings, 2, Activity.LIKES_GIVEN, 1),
                need(settings, 2, Activity.LIKES_RECEIVED, 1),
                need(settings, 2, Activity.REPLIES, 3),
                need(settings, 2, Activity.TOPICS_ENTERED, 20),
                need(settings, 2, Activity.POSTS_READ, 100),
                need(settings, 2, Activity.READING_MINUTES, 60)));
        window = settings.number("tl3-window-days", "Level 3 counts the activity of the last ... days", 100, 7, 365);
        levels.add(List.of(
                need(settings, 3, Activity.DAYS_VISITED, 50),
                need(settings, 3, Activity.REPLIES, 10),
                need(settings, 3, Activity.TOPICS_ENTERED, 50),
                need(settings, 3, Activity.POSTS_READ, 250),
                need(settings, 3, Activity.LIKES_GIVEN, 30),
                need(settings, 3, Activity.LIKES_RECEIVED, 20),
                new Requirement(Activity.FLAGS_AGAINST, Activity.label(Activity.FLAGS_AGAINST),
                        settings.number("tl3-max-flags-against",
                                "Level 3: at most this many of their posts flagged (flags moderators agreed with)",
                                5, 0, 1000), true)));
    }

    private static Requirement need(SettingsBuilder settings, int level, String measure, int defaultValue) {
        return new Requirement(measure, Activity.label(measure), settings.number("tl" + level + "-" + measure,
                "Level " + level + ": " + Activity.label(measure), defaultValue, 0, 100_000), false);
    }

    /** What level {@code level} (1 to 3) asks for. */
    public List<Requirement> of(int level) {
        return levels.get(level);
    }

    /** How many days of activity level 3 looks at. */
    public int window() {
        return window.get();
    }
}
