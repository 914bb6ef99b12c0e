package hearth.server.accounts;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a new account's username, email and consent must meet, each broken rule as a message for its field. */
final class SignUpRules {

    static final Set<String> RESERVED = Set.of("admin", "administrator", "moderator", "mod", "moderators", "system",
            "root", "staff", "support", "help", "hearth", "api", "www", "mail", "postmaster", "webmaster", "abuse",
            "security", "noreply", "no-reply", "null", "undefined", "anonymous", "deleted", "everyone", "here",
            "owner", "team", "official", "login", "logout", "signup", "account", "settings", "members", "u");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?");
    /** Deleted accounts are renamed deleted-<id>; no one may take such a name first. */
    private static final Pattern DELETED = Pattern.compile("(?i)deleted[_.-].*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    private SignUpRules() {
    }

    static Map<String, String> check(String username, String email, boolean acceptedTerms) {
        Map<String, String> errors = new LinkedHashMap<>();
        usernameProblem(username).ifPresent(m -> errors.put("username", m));
        if (email.isEmpty()) {
            errors.put("email", "Enter your email address.");
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.put("email", "Enter an email address like name@example.org.");
        }
        if (!acceptedTerms) {
            errors.put("terms", "Please accept the terms to join.");
        }
        return errors;
    }

    static java.util.Optional<String> usernameProblem(String username) {
        if (username.length() < 3 || username.length() > 20) {
            return java.util.Optional.of("Usernames are 3 to 20 characters long.");
        }
        if (!USERNAME.matcher(username).matches()) {
            return java.util.Optional.of("Use letters, digits and _ - . only, starting and ending with a letter or "
                    + "digit.");
        }
        if (username.matches(".*[_.-]{2}.*")) {
            return java.util.Optional.of("Usernames cannot have two symbols in a row.");
        }
        if (RESERVED.contains(username.toLowerCase(Locale.ROOT)) || DELETED.matcher(username).matches()) {
            return java.util.Optional.of("That username is reserved. Please choose another.");
        }
        return java.util.Optional.empty();
    }
}
