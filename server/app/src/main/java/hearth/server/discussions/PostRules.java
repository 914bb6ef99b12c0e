package hearth.server.discussions;

import hearth.api.errors.InvalidInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules a new topic or reply must meet before it is saved: lengths, no shouting titles, no repeats and a pace
 * limit that is tighter for members who joined less than a day ago. Pure: the caller looks up the member's recent
 * posts; time comes from the injected clock.
 */
public final class PostRules {

    public static final int BODY_MIN = 10;
    public static final int BODY_MAX = 20_000;
    public static final int TITLE_MIN = 5;
    public static final int TITLE_MAX = 200;
    /** The same text by the same member within this window is a repeat (a double submit, a copy-paste spree). */
    public static final Duration REPEAT_WINDOW = Duration.ofMinutes(5);
    /** Members younger than this post at the slower pace. */
    public static final Duration NEWCOMER = Duration.ofHours(24);

    /** How often a member may post, and how often while new. */
    public enum Pace {
        REPLY(Duration.ofSeconds(5), Duration.ofSeconds(30), "reply"),
        TOPIC(Duration.ofSeconds(15), Duration.ofSeconds(60), "start a topic");

        private final Duration usual;
        private final Duration newcomer;
        private final String action;

        Pace(Duration usual, Duration newcomer, String action) {
            this.usual = usual;
            this.newcomer = newcomer;
            this.action = action;
        }
    }

    private final Clock clock;

    public PostRules(Clock clock) {
        this.clock = clock;
    }

    /** The body, trimmed, or an error on {@code body}. */
    public String body(String raw) {
        String body = raw == null ? "" : raw.strip();
        if (body.isEmpty()) {
            throw new InvalidInput("body", "Please write something.");
        }
        if (body.length() < BODY_MIN) {
            throw new InvalidInput("body", "Please write at least " + BODY_MIN + " characters.");
        }
        return notTooLong(body);
    }

    /** The body, trimmed, of any length up to the limit (a preview of a post being written), or an error on body. */
    public String draft(String raw) {
        return notTooLong(raw == null ? "" : raw.strip());
    }

    private static String notTooLong(String body) {
        if (body.length() > BODY_MAX) {
            throw new InvalidInput("body", "Please keep it under " + BODY_MAX + " characters (this is "
                    + body.length() + ").");
        }
        return body;
    }

    /** The title, trimmed, or an error on {@code title}. */
    public String title(String raw) {
        String title = raw == null ? "" : raw.strip();
        if (title.length() < TITLE_MIN) {
            throw new InvalidInput("title", "Please give a title of at least " + TITLE_MIN + " characters.");
        }
        if (title.length() > TITLE_MAX) {
            throw new InvalidInput("title", "Please keep the title under " + TITLE_MAX + " characters.");
        }
        if (shouts(title)) {
            throw new InvalidInput("title", "Please don't shout: use normal capitalisation.");
        }
        return title;
    }

    /** A title with at least five letters, all of them capitals. */
    static boolean shouts(String title) {
        long letters = title.codePoints().filter(Character::isLetter).count();
        long lower = title.codePoints().filter(Character::isLowerCase).count();
        boolean cased = title.codePoints().anyMatch(Character::isUpperCase);
        return letters >= 5 && lower == 0 && cased;
    }

    /** Since when the same text counts as a repeat. */
    public Instant repeatsSince() {
        return clock.instant().minus(REPEAT_WINDOW);
    }

    /** Refuses a repeat of the member's own text within the window. */
    public void notRepeated(boolean repeated, Pace pace) {
        if (repeated) {
            throw pace == Pace.TOPIC
                    ? new InvalidInput("title", "You started a topic with this title a moment ago.")
                    : new InvalidInput("body", "You posted exactly this in this topic a moment ago.");
        }
    }

    /** Refuses a post that comes too soon after the member's {@code last} one; the wait is longer while new. */
    public void paced(Pace pace, Instant joinedAt, Optional<Instant> last) {
        if (last.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        boolean newcomer = joinedAt != null && joinedAt.isAfter(now.minus(NEWCOMER));
        Duration gap = newcomer ? pace.newcomer : pace.usual;
        Instant allowedAt = last.get().plus(gap);
        if (now.isBefore(allowedAt)) {
            long seconds = Math.max(1, (Duration.between(now, allowedAt).toMillis() + 999) / 1000);
            seconds = Math.min(seconds, gap.toSeconds());
            throw new InvalidInput("body", "You are posting quickly: please wait " + seconds
                    + (seconds == 1 ? " second" : " seconds") + " before you " + pace.action + " again"
                    + (newcomer ? " (new members wait a little longer for their first day)." : "."));
        }
    }
}
