package hearth.server.web;

/** The page or action needs a logged-in member: browsers are sent to the login page and back, API clients get 401. */
public final class NotLoggedIn extends RuntimeException {

    public NotLoggedIn() {
        super("Please log in first.", null, false, false);
    }
}
