package hearth.server.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which new passwords members may choose, following NIST SP 800-63B: a minimum length and a block list of known
 * passwords, and no composition rules ("one digit, one symbol"), which only push people towards {@code Password1!}.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    /** Long passphrases are welcome; the cap only stops megabyte "passwords" from being hashed. */
    public static final int MAX_LENGTH = 256;

    static final String COMMON_PASSWORDS = "/hearth/accounts/common-passwords.txt";

    // A one- or two-letter username or email name occurs inside many good passwords by chance, and finding it
    // there tells an attacker next to nothing, so only longer ones are looked for.
    private static final int MIN_NAME_LENGTH_TO_LOOK_FOR = 3;

    private final Set<String> commonPasswords;

    /** Reads the bundled list of common passwords (about 10,000, from the jar) once. */
    public PasswordPolicy() {
        this.commonPasswords = Set.copyOf(readCommonPasswords());
    }

    /**
     * What is wrong with a password a member wants to use, as a sentence to show them; empty when it is acceptable.
     * The username and email may be null or blank (not chosen yet); lengths count code points, not UTF-16 units.
     */
    public Optional<String> problem(String password, String username, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (commonPasswords.contains(lower)) {
            return Optional.of("This is one of the most commonly used passwords, so it is among the first an attacker"
                    + " tries. Choose another.");
        }
        if (containsName(lower, username)) {
            return Optional.of("The password must not contain your username.");
        }
        if (email != null && containsName(lower, emailName(email))) {
            return Optional.of("The password must not contain your email address or the part before the @.");
        }
        return Optional.empty();
    }

    int commonPasswordCount() {
        return commonPasswords.size();
    }

    private static boolean containsName(String lowerPassword, String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String lowerName = name.strip().toLowerCase(Locale.ROOT);
        return lowerName.codePointCount(0, lowerName.length()) >= MIN_NAME_LENGTH_TO_LOOK_FOR
                && lowerPassword.contains(lowerName);
    }

    /**
     * The local part of an address without a "+tag": "ann.lee+hearth@example.org" gives "ann.lee", which every
     * password containing the whole local part also contains.
     */
    private static String emailName(String email) {
        int at = email.lastIndexOf('@');
        String local = at < 0 ? email : email.substring(0, at);
        int plus = local.indexOf('+');
        return plus < 0 ? local : local.substring(0, plus);
    }

    private static Set<String> readCommonPasswords() {
        InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS);
        if (in == null) {
            throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the class path");
        }
        Set<String> passwords = new HashSet<>(16_384);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + COMMON_PASSWORDS, e);
        }
        return passwords;
    }
}
