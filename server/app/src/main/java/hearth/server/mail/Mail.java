package hearth.server.mail;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One plain-text mail to one address. Built by code (a template filled in), so a value that could not be sent is a
 * programming error and refused here with {@link IllegalArgumentException}, before it reaches the outbox. Line breaks
 * in the subject, which could smuggle in mail headers, are folded into spaces. {@code headers} are extra headers
 * (e.g. {@code List-Unsubscribe}); only {@code List-*} and {@code X-*} names are allowed, so no caller can add a
 * recipient or replace the sender, and values must be one line.
 */
public record Mail(String to, String subject, String bodyText, Map<String, String> headers) {

    /** The longest address SMTP allows, and the outbox column's width. */
    public static final int MAX_ADDRESS = 254;
    /** The outbox column's width; longer subjects are cut with an ellipsis. */
    public static final int MAX_SUBJECT = 300;
    /** A MariaDB TEXT column holds 65,535 bytes. */
    public static final int MAX_BODY_BYTES = 65_535;

    // One @, something on both sides, no spaces, controls, commas, quotes or angle brackets: enough to refuse what
    // would break an SMTP envelope or add a second recipient, without pretending to validate RFC 5322 in full.
    private static final Pattern HEADER_NAME = Pattern.compile("(?i)(List|X)-[a-z0-9-]{1,60}");

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
        headers = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not an extra mail header a feature may set: " + name);
            }
            if (value.isBlank() || value.length() > 900 || value.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("A header value must be one line of text: " + name);
            }
        });
    }

    /** A mail without extra headers. */
    public Mail(String to, String subject, String bodyText) {
        this(to, subject, bodyText, Map.of());
    }

    /** The extra headers as stored in the outbox: one "Name: value" a line, or null without any. */
    String headerLines() {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
        return lines.toString();
    }

    /** Reads {@link #headerLines()} back (null or empty: none). */
    static Map<String, String> parseHeaderLines(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines != null) {
            lines.lines().filter(line -> line.contains(": ")).forEach(line -> {
                int colon = line.indexOf(": ");
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            });
        }
        return headers;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n\\u0085\\u2028\\u2029]+\\s*", " ").replaceAll("\\p{Cntrl}", "").strip();
    }
}
