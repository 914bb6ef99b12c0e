package hearth.server.accounts;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA1, 30-second steps, 6 digits,
 * secrets of 20 random bytes shown in Base32.
 *
 * <p>A code is accepted for the current step and one step either side, to allow for a phone's clock being up to
 * about 30 seconds off. Every verify method answers with the step that matched. Stop replays by storing it and
 * passing it back as {@code lastUsedStep} next time: codes of that step and earlier are refused. Store it with a
 * conditional update ({@code ... WHERE last_step < ?}) so two requests racing with one code cannot both win. Limit
 * attempts too: each guess has a 3 in 1,000,000 chance.
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DEFAULT_DIGITS = 6;
    /** The {@code lastUsedStep} of a member who has not signed in with a code yet. */
    public static final long NEVER_USED = Long.MIN_VALUE;

    private static final int SECRET_BYTES = 20; // RFC 4226 recommends 160 bits
    private static final int SKEW_STEPS = 1;
    private static final String HMAC = "HmacSHA1";
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final Clock clock;
    private final RandomGenerator random;
    private final int digits;

    public Totp(Clock clock, RandomGenerator random) {
        this(clock, random, DEFAULT_DIGITS);
    }

    /** Digits other than 6 are for the RFC's 8-digit test vectors and apps that offer them; 6 to 8 are allowed. */
    public Totp(Clock clock, RandomGenerator random, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("TOTP codes have 6 to 8 digits: " + digits);
        }
        this.clock = clock;
        this.random = random;
        this.digits = digits;
    }

    /** A new secret: 20 random bytes in Base32 without padding (32 characters), for the member's authenticator. */
    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.encode(secret);
    }

    /**
     * The {@code otpauth://} URI to show as a QR code (Google Authenticator's Key URI format); the issuer names the
     * site in the app's list and the account tells a member's several accounts apart.
     */
    public String uri(String issuer, String account, String secret) {
        String uri = "otpauth://totp/" + encode(issuer) + ":" + encode(account)
                + "?secret=" + secret + "&issuer=" + encode(issuer);
        return digits == DEFAULT_DIGITS ? uri : uri + "&digits=" + digits;
    }

    /** The time step an instant falls in: whole 30-second periods since the Unix epoch. */
    public long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /**
     * The code an authenticator shows at that time, zero-padded.
     *
     * @throws IllegalArgumentException when the stored secret is not Base32
     */
    public String codeAt(String secret, Instant time) {
        return code(Base32.decode(secret), stepAt(time));
    }

    /**
     * Checks a code a member typed (spaces ignored) against the clock's time, refusing steps up to and including
     * {@code lastUsedStep}; answers the step that matched, or empty.
     *
     * @throws IllegalArgumentException when the stored secret is not Base32
     */
    public OptionalLong verifyNow(String secret, String code, long lastUsedStep) {
        return verify(secret, code, clock.instant(), lastUsedStep);
    }

    /**
     * Checks a code at the given time without replay protection; answers the step that matched, or empty.
     *
     * @throws IllegalArgumentException when the stored secret is not Base32
     */
    public OptionalLong verify(String secret, String code, Instant now) {
        return verify(secret, code, now, NEVER_USED);
    }

    /**
     * Checks a code at the given time, refusing steps up to and including {@code lastUsedStep}; answers the step that
     * matched, or empty. A code that is not exactly the configured number of digits is simply refused.
     *
     * @throws IllegalArgumentException when the stored secret is not Base32 (our data is wrong, not the member)
     */
    public OptionalLong verify(String secret, String code, Instant now, long lastUsedStep) {
        byte[] key = Base32.decode(secret);
        String typed = code == null ? "" : code.replace(" ", "");
        if (!isDigits(typed)) {
            return OptionalLong.empty();
        }
        byte[] typedBytes = typed.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        for (long step = current - SKEW_STEPS; step <= current + SKEW_STEPS; step++) {
            if (step > lastUsedStep
                    && MessageDigest.isEqual(code(key, step).getBytes(StandardCharsets.US_ASCII), typedBytes)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private boolean isDigits(String typed) {
        if (typed.length() != digits) {
            return false;
        }
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c < '0' || c > '9') { // not Character.isDigit: that accepts Arabic-Indic and other digits
                return false;
            }
        }
        return true;
    }

    /** HOTP (RFC 4226 section 5.3) of the step: HMAC, then dynamic truncation to 31 bits, then the low digits. */
    private String code(byte[] key, long step) {
        byte[] hmac;
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            hmac = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has " + HMAC, e);
        }
        int offset = hmac[hmac.length - 1] & 0x0f;
        int truncated = (hmac[offset] & 0x7f) << 24
                | (hmac[offset + 1] & 0xff) << 16
                | (hmac[offset + 2] & 0xff) << 8
                | (hmac[offset + 3] & 0xff);
        String value = Integer.toString(truncated % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - value.length()) + value;
    }

    /** Percent-encoding for the label and query; a space must be %20 here, not the '+' of HTML forms. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
