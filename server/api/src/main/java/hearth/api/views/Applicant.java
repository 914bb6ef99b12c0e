package hearth.api.views;

/**
 * An account waiting for a moderator's approval.
 *
 * @param member the account
 * @param email  the email address it signed up with
 * @since 1.1.0
 */
public record Applicant(MemberView member, String email) {
}
