package hearth.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * One-time recovery codes for members who lose their authenticator, like {@code abcd-efgh-jkmn}: 12 letters from an
 * alphabet without look-alikes (no i, l or o), in groups of four, about 54 bits each.
 *
 * <p>Only hashes are stored. SHA-256 is enough, unlike for passwords: a code is 54 random bits that we chose, not
 * something a person thought of, so there is no short list of likely values to try first and the whole space is far
 * too big to search per code per account at any useful rate; and whoever holds the database to try already has the
 * TOTP secrets, which must be stored readable. A slow hash would only make every recovery attempt cost the server
 * ten Argon2 runs.
 *
 * <p>Using a code is up to the caller: {@link #match} says which stored hash matched, and the caller deletes or marks
 * that one (with a conditional update, so two racing requests cannot both spend it).
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz"; // 23 letters: a-z without i, l, o
    private static final int GROUPS = 3;
    private static final int GROUP_LENGTH = 4;
    private static final int LENGTH = GROUPS * GROUP_LENGTH;

    /** A fresh set: show {@code codes} to the member once, store {@code hashes} (same order). */
    public record Issued(List<String> codes, List<String> hashes) {
        public Issued {
            codes = List.copyOf(codes);
            hashes = List.copyOf(hashes);
        }
    }

    private final RandomGenerator random;

    public RecoveryCodes(RandomGenerator random) {
        this.random = random;
    }

    /** {@value #COUNT} new codes and their hashes; a new set replaces the whole old one. */
    public Issued generate() {
        List<String> codes = new ArrayList<>(COUNT);
        List<String> hashes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            codes.add(code);
            hashes.add(hash(code));
        }
        return new Issued(codes, hashes);
    }

    /**
     * The position in {@code storedHashes} of the hash the typed code matches, or empty. Case, spaces and dashes
     * (missing, extra, or typographic ones put in by autocorrect) do not matter. Null entries, for codes the caller
     * has already spent, are skipped so positions stay stable.
     */
    public OptionalInt match(String typed, List<String> storedHashes) {
        Optional<String> code = normalise(typed);
        if (code.isEmpty()) {
            return OptionalInt.empty();
        }
        byte[] candidate = sha256(code.get());
        for (int i = 0; i < storedHashes.size(); i++) {
            String stored = storedHashes.get(i);
            if (stored != null && MessageDigest.isEqual(candidate, parseHex(stored))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The stored form of a code: lowercase hex SHA-256 of its 12 normalised letters. */
    static String hash(String code) {
        return HexFormat.of().formatHex(sha256(normalise(code).orElseThrow(
                () -> new IllegalArgumentException("Not a recovery code: " + code))));
    }

    /** The 12 letters of a code as typed, lowercased and without separators; empty if it cannot be a code. */
    static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder letters = new StringBuilder(LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.DASH_PUNCTUATION) {
                continue;
            }
            char lower = Character.toLowerCase(c);
            if (ALPHABET.indexOf(lower) < 0 || letters.length() == LENGTH) {
                return Optional.empty();
            }
            letters.append(lower);
        }
        return letters.length() == LENGTH ? Optional.of(letters.toString()) : Optional.empty();
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(LENGTH + GROUPS - 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % GROUP_LENGTH == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length()))); // nextInt(bound) is unbiased
        }
        return code.toString();
    }

    private static byte[] parseHex(String stored) {
        try {
            return HexFormat.of().parseHex(stored.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0]; // a damaged stored hash matches nothing
        }
    }

    private static byte[] sha256(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
