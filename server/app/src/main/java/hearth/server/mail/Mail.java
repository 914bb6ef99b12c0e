package hearth.server.mail;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One plain-text mail to one address. Built by code (a template filled in), so a value that could not be sent is a
 * programming error and refused here with {@link IllegalArgumentException}, before it reaches the outbox. Line breaks
 * in the subject, which could smuggle in mail headers, are folded into spaces.
 */
public record Mail(String to, String subject, String bodyText) {

    /** The longest address SMTP allows, and the outbox column's width. */
    public static final int MAX_ADDRESS = 254;
    /** The outbox column's width; longer subjects are cut with an ellipsis. */
    public static final int MAX_SUBJECT = 300;
    /** A MariaDB TEXT column holds 65,535 bytes. */
    public static final int MAX_BODY_BYTES = 65_535;

    // One @, something on both sides, no spaces, controls, commas, quotes or angle brackets: enough to refuse what
    // would break an SMTP envelope or add a second recipient, without pretending to validate RFC 5322 in full.
    private static final Pattern ADDRESS = Pattern.compile("[^\\s\\p{Cntrl}@,;:<>\"()\\[\\]\\\\]+@[^\\s\\p{Cntrl}@,;:<>\"()\\[\\]\\\\]+");

    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(bodyText, "bodyText");
        to = to.strip();
        if (to.length() > MAX_ADDRESS || !ADDRESS.matcher(to).matches()) {
            throw new IllegalArgumentException("Not a mail address: " + to);
        }
        subject = oneLine(subject);
        if (subject.length() > MAX_SUBJECT) {
            int end = MAX_SUBJECT - 1;
            if (Character.isHighSurrogate(subject.charAt(end - 1))) {
                end--; // never split an emoji in half
            }
            subject = subject.substring(0, end) + "…";
        }
        if (bodyText.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("A mail body can be at most " + MAX_BODY_BYTES + " bytes");
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n\\u0085\\u2028\\u2029]+\\s*", " ").replaceAll("\\p{Cntrl}", "").strip();
    }
}
