package hearth.plugins.gamification.awarding;

import java.util.Arrays;
import java.util.Optional;

/** What earns points, with the default points and daily cap (in points; 0 for none) admins start from. */
public enum Action {
    TOPIC("topic", "Started a topic", 5, 25),
    REPLY("reply", "Replied", 2, 40),
    LIKE_RECEIVED("like-received", "A post was liked", 1, 50),
    LIKE_GIVEN("like-given", "Liked a post", 1, 20),
    ACCEPTED_ANSWER("accepted-answer", "Answer accepted", 15, 0),
    VISIT("visit", "Visited", 1, 0),
    EVENT_ATTENDED("event-attended", "Attended an event", 10, 0),
    WELCOME("welcome", "Welcomed a newcomer", 5, 25),
    ACCEPTED_FLAG("accepted-flag", "Flag accepted", 3, 15);

    private final String key;
    private final String label;
    private final int points;
    private final int cap;

    Action(String key, String label, int points, int cap) {
        this.key = key;
        this.label = label;
        this.points = points;
        this.cap = cap;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    int defaultPoints() {
        return points;
    }

    int defaultCap() {
        return cap;
    }

    public static Optional<Action> of(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }
}
