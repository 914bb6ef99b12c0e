package hearth.server.profiles;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules a profile's values must meet, each broken rule as a sentence for the person to read next to the field. */
public final class ProfileRules {

    public static final int DISPLAY_NAME_MAX = 60;
    public static final int BIO_MAX = 5000;
    public static final int LOCATION_MAX = 100;
    public static final int WEBSITE_MAX = 300;
    public static final int PRONOUNS_MAX = 40;
    public static final int FIELD_TEXT_MAX = 200;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    private ProfileRules() {
    }

    public static Optional<String> displayNameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("Enter a display name.");
        }
        if (name.length() > DISPLAY_NAME_MAX) {
            return Optional.of("Display names can be at most " + DISPLAY_NAME_MAX + " characters long.");
        }
        return controlProblem(name).or(() -> name.contains("\n") || name.contains("\t")
                ? Optional.of("Keep the display name on one line.") : Optional.empty());
    }

    /** A single-line text of at most {@code max} characters; {@code what} names it in the message. */
    public static Optional<String> lineProblem(String value, int max, String what) {
        if (value.length() > max) {
            return Optional.of(what + " can be at most " + max + " characters long.");
        }
        if (value.contains("\n") || value.contains("\r") || value.contains("\t")) {
            return Optional.of("Keep it on one line.");
        }
        return controlProblem(value);
    }

    public static Optional<String> bioProblem(String bio) {
        if (bio.length() > BIO_MAX) {
            return Optional.of("The bio can be at most " + BIO_MAX + " characters long (it is " + bio.length() + ").");
        }
        return controlProblem(bio);
    }

    /** Web addresses are http or https only, so a link on a profile can never run script. Empty is allowed. */
    public static Optional<String> linkProblem(String url) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (url.length() > WEBSITE_MAX) {
            return Optional.of("Web addresses can be at most " + WEBSITE_MAX + " characters long.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("Enter a web address like https://example.org.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("Only web addresses starting with https:// or http:// are allowed.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
            return Optional.of("Enter a web address like https://example.org.");
        }
        return Optional.empty();
    }

    /** Whether java.time knows the time zone a person typed (e.g. {@code Europe/Lisbon}, {@code UTC}). */
    public static Optional<String> zoneProblem(String value) {
        if (value.isEmpty()) {
            return Optional.of("Choose a time zone, for example Europe/Lisbon or UTC.");
        }
        try {
            if (value.length() <= 64) {
                ZoneId.of(value);
                return Optional.empty();
            }
        } catch (DateTimeException e) {
            // falls through to the message
        }
        return Optional.of("That is not a time zone we know. Use a name like Europe/Lisbon or UTC.");
    }

    private static Optional<String> controlProblem(String value) {
        return CONTROL.matcher(value).find() ? Optional.of("Remove the invisible control characters.")
                : Optional.empty();
    }
}
