package hearth.plugins.moderation.review;

import hearth.api.access.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How much a flag weighs, and whether a post's flags together pass the point where it is hidden until a moderator
 * looks. Pure arithmetic, so it is unit-tested on its own and the review page can show every number it used.
 *
 * <p>A flagger's weight is trust x accuracy. Trust comes from the role (staff flags count for three ordinary
 * members), the account's age (a day-old account counts a quarter, so a burst of fresh accounts cannot hide a post
 * alone) and experience (up to half as much again for many flags the moderators agreed with). Accuracy is the
 * Laplace estimate (agreed + 1) / (agreed + disagreed + 2): one half with no history, so an ordinary established
 * member's flag weighs exactly 1.0 and the default threshold of 3 reads "about three ordinary members".
 */
public final class FlagScore {

    /** The two ways to decide that a post is hidden. */
    public enum Mode {
        WEIGHTED, COUNT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode of(String key) {
            return "count".equals(key) ? COUNT : WEIGHTED;
        }
    }

    /** What the score needs to know about one flagger when they flag. */
    public record Flagger(Role role, Instant joinedAt, int agreed, int disagreed) {
    }

    /** One flag's part of a score, as stored with the flag and shown to moderators. */
    public record Part(String flagger, String reason, double trust, double accuracy, double weight) {
    }

    /** The sum of the parts against the threshold, in the chosen mode. */
    public record Breakdown(Mode mode, List<Part> parts, double total, double threshold) {

        public boolean passes() {
            return total >= threshold;
        }

        /** One line for the post's hidden reason and the audit log, e.g. "3 flags (spam x2, other), score 3.0 of 3". */
        public String summary() {
            StringBuilder reasons = new StringBuilder();
            parts.stream().map(Part::reason).distinct().forEach(reason -> {
                long n = parts.stream().filter(p -> p.reason().equals(reason)).count();
                reasons.append(reasons.isEmpty() ? "" : ", ").append(reason).append(n > 1 ? " x" + n : "");
            });
            String measure = mode == Mode.COUNT
                    ? String.format(Locale.ROOT, "%d distinct flaggers of %d", parts.size(), (int) threshold)
                    : String.format(Locale.ROOT, "score %.2f of %.2f", total, threshold);
            return parts.size() + (parts.size() == 1 ? " flag (" : " flags (") + reasons + "), " + measure;
        }
    }

    private FlagScore() {
    }

    /** The flagger's trust at {@code now}. */
    public static double trust(Flagger flagger, Instant now) {
        double role = flagger.role() == Role.MEMBER ? 2.0 : 6.0;
        Duration age = Duration.between(flagger.joinedAt(), now);
        double seniority = age.compareTo(Duration.ofDays(1)) < 0 ? 0.25
                : age.compareTo(Duration.ofDays(7)) < 0 ? 0.5
                : age.compareTo(Duration.ofDays(30)) < 0 ? 0.75 : 1.0;
        double experience = 1.0 + Math.min(flagger.agreed(), 10) / 20.0;
        return round(role * seniority * experience);
    }

    /** Laplace-smoothed share of the flagger's settled flags that moderators agreed with. */
    public static double accuracy(Flagger flagger) {
        return round((flagger.agreed() + 1.0) / (flagger.agreed() + flagger.disagreed() + 2.0));
    }

    /** The weight of a flag by this flagger: trust x accuracy. */
    public static double weight(Flagger flagger, Instant now) {
        // The unrounded accuracy: rounding both factors first would show 2.751 for 3 x 11/12.
        return round(trust(flagger, now) * (flagger.agreed() + 1.0) / (flagger.agreed() + flagger.disagreed() + 2.0));
    }

    /** The score of a post's open flags (one per flagger) in {@code mode}. */
    public static Breakdown score(Mode mode, List<Part> parts, double threshold) {
        double total = mode == Mode.COUNT ? parts.size()
                : round(parts.stream().mapToDouble(Part::weight).sum());
        return new Breakdown(mode, List.copyOf(parts), total, threshold);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
