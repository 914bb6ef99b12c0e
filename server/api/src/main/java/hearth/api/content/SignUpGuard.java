package hearth.api.content;

/**
 * Looks at each sign-up before the account is created, with no I/O (decide from memory). REJECT refuses it with
 * the reason for the person; HOLD_FOR_REVIEW creates the account waiting for a moderator's approval
 * ({@link hearth.api.moderation.Standing#PENDING_APPROVAL}). A guard that throws is skipped.
 *
 * @since 1.1.0
 */
@FunctionalInterface
public interface SignUpGuard {

    /** The verdict on one sign-up. */
    Verdict check(SignUp signUp) throws Exception;
}
