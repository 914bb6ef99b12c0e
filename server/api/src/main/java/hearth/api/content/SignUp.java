package hearth.api.content;

/**
 * Someone about to create an account, as sign-up guards see it.
 *
 * @param username  the username they chose
 * @param email     their email address
 * @param ipAddress the address the request came from (behind a trusted proxy, the client's)
 * @since 1.1.0
 */
public record SignUp(String username, String email, String ipAddress) {
}
