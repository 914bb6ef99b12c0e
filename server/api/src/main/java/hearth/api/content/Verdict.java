package hearth.api.content;

import java.util.Objects;

/**
 * A content guard's decision.
 *
 * @param outcome accept, hold for a moderator's review, or reject
 * @param reason  for the person (reject) or the moderator (hold); empty for accept
 */
public record Verdict(Outcome outcome, String reason) {

    /** What happens to the text. */
    public enum Outcome { ACCEPT, HOLD_FOR_REVIEW, REJECT }

    private static final Verdict ACCEPTED = new Verdict(Outcome.ACCEPT, "");

    public Verdict {
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(reason);
    }

    /** Save it. */
    public static Verdict accept() {
        return ACCEPTED;
    }

    /** Save it, hidden until a moderator approves; {@code reason} is for the moderator. */
    public static Verdict holdForReview(String reason) {
        return new Verdict(Outcome.HOLD_FOR_REVIEW, reason);
    }

    /** Refuse it; {@code reason} is shown to the author next to the text. */
    public static Verdict reject(String reason) {
        return new Verdict(Outcome.REJECT, reason);
    }
}
