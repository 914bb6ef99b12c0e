package hearth.plugins.gamification.awarding;

import java.util.List;
import java.util.Set;

/**
 * When a badge is earned: {@code threshold} of {@code measure} (an action, {@code post} for topics and replies,
 * {@code visit-streak} for consecutive days visited, or {@code anniversary} for years since joining), optionally in
 * one category and within the last {@code windowDays} days.
 */
public record BadgeRule(String key, String name, String description, String tier, String measure, int threshold,
                        long categoryId, int windowDays, boolean builtIn) {

    public static final String POST = "post";
    public static final String STREAK = "visit-streak";
    public static final String ANNIVERSARY = "anniversary";
    public static final List<String> TIERS = List.of("bronze", "silver", "gold");

    /** The ledger actions the measure counts; empty for streaks and anniversaries. */
    public Set<String> actions() {
        if (measure.equals(POST)) {
            return Set.of(Action.TOPIC.key(), Action.REPLY.key());
        }
        return Action.of(measure).map(a -> Set.of(a.key())).orElse(Set.of());
    }

    /** Whether an action of {@code action} (or a visit, for streaks and anniversaries) may bring it. */
    public boolean movedBy(String action) {
        return actions().contains(action)
                || (action.equals(Action.VISIT.key()) && (measure.equals(STREAK) || measure.equals(ANNIVERSARY)));
    }

    static final List<BadgeRule> BUILT_IN = List.of(
            builtIn("first-post", "First post", "Wrote a first topic or reply", "bronze", POST, 1),
            builtIn("first-like-given", "Appreciator", "Liked someone's post", "bronze", "like-given", 1),
            builtIn("first-like-received", "First like", "A post was liked", "bronze", "like-received", 1),
            builtIn("liked-10", "Nice post", "Posts liked 10 times", "bronze", "like-received", 10),
            builtIn("liked-100", "Good posts", "Posts liked 100 times", "silver", "like-received", 100),
            builtIn("liked-1000", "Great posts", "Posts liked 1000 times", "gold", "like-received", 1000),
            builtIn("first-accepted-answer", "Solved", "An answer was accepted", "bronze", "accepted-answer", 1),
            builtIn("welcomer", "Welcomer", "First to reply to a newcomer's first topic", "bronze", "welcome", 1),
            builtIn("welcomer-10", "Host", "Welcomed 10 newcomers", "silver", "welcome", 10),
            builtIn("attended-1", "Showed up", "Attended an event", "bronze", "event-attended", 1),
            builtIn("attended-5", "Regular face", "Attended 5 events", "silver", "event-attended", 5),
            builtIn("attended-20", "Pillar of the community", "Attended 20 events", "gold", "event-attended", 20),
            builtIn("first-accepted-flag", "Watchful", "A flag was accepted by the moderators", "bronze",
                    "accepted-flag", 1),
            builtIn("anniversary", "Anniversary", "Visited a year or more after joining", "silver", ANNIVERSARY, 1),
            builtIn("streak-7", "Week streak", "Visited 7 days in a row", "bronze", STREAK, 7),
            builtIn("streak-30", "Month streak", "Visited 30 days in a row", "silver", STREAK, 30),
            builtIn("streak-100", "Devoted", "Visited 100 days in a row", "gold", STREAK, 100));

    private static BadgeRule builtIn(String key, String name, String description, String tier, String measure,
                                     int threshold) {
        return new BadgeRule(key, name, description, tier, measure, threshold, 0, 0, true);
    }
}
