package hearth.server.accounts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format that libargon2, PHP and most other stacks read and write:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (standard Base64 without padding).
 *
 * <p>Hashing is deliberately slow (tens of milliseconds) and allocates {@link Argon2Params#memoryKib()} KiB per call:
 * call it off the event loop and bound how many run at once. Safe to share between threads when the injected
 * generator is ({@link java.security.SecureRandom} is).
 */
public final class Passwords {

    /**
     * Argon2id cost parameters. {@link #OWASP} is the production setting; tests pass cheaper ones. Bounded so that
     * a corrupt or hostile stored hash cannot make {@link #verify} allocate gigabytes or run for minutes, and so that
     * every hash {@link #hash} writes is one {@link #verify} accepts.
     */
    public record Argon2Params(int memoryKib, int iterations, int parallelism) {

        /** OWASP Password Storage Cheat Sheet (2024): m=19 MiB, t=2, p=1. */
        public static final Argon2Params OWASP = new Argon2Params(19_456, 2, 1);

        static final int MAX_MEMORY_KIB = 1 << 20; // 1 GiB
        static final int MAX_ITERATIONS = 64;
        static final int MAX_PARALLELISM = 16;

        public Argon2Params {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM + ": " + parallelism);
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS + ": " + iterations);
            }
            // Argon2 needs at least 8 KiB per lane.
            if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException(
                        "memoryKib must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB + ": " + memoryKib);
            }
        }
    }

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_SALT_OR_HASH_BYTES = 64;
    private static final int VERSION = Argon2Parameters.ARGON2_VERSION_13; // "v=19"

    // Decimal numbers without leading zeros (as PHC requires) and at most 10 digits, so parsing cannot overflow.
    private static final String NUMBER = "(0|[1-9][0-9]{0,9})";
    private static final Pattern PHC = Pattern.compile("\\$argon2id\\$v=" + NUMBER + "\\$m=" + NUMBER + ",t=" + NUMBER
            + ",p=" + NUMBER + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    /** A well-formed stored hash, taken apart. */
    private record Stored(Argon2Params params, byte[] salt, byte[] hash) {
    }

    private final Argon2Params params;
    private final RandomGenerator random;
    private final byte[] simulationSalt;

    public Passwords(Argon2Params params, RandomGenerator random) {
        this.params = params;
        this.random = random;
        this.simulationSalt = new byte[SALT_BYTES];
        random.nextBytes(simulationSalt);
    }

    /** Hashes the password with a fresh random salt and the current parameters; returns the PHC string to store. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, params, salt, HASH_BYTES);
        return "$argon2id$v=" + VERSION + "$m=" + params.memoryKib() + ",t=" + params.iterations()
                + ",p=" + params.parallelism() + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
    }

    /**
     * Whether the password matches the stored hash, using the parameters recorded in it (so hashes made with older
     * parameters keep working). False, never an exception, for a null, malformed or out-of-bounds stored value.
     */
    public boolean verify(char[] password, String encoded) {
        Optional<Stored> stored = parse(encoded);
        if (stored.isEmpty()) {
            return false;
        }
        Stored s = stored.get();
        byte[] actual = argon2(password, s.params(), s.salt(), s.hash().length);
        return MessageDigest.isEqual(actual, s.hash()); // constant time: no early exit on the first differing byte
    }

    /**
     * Does the work of one {@link #verify} and discards it. A login for a username that does not exist should call
     * this, so that it takes as long as a wrong password for one that does and response times do not reveal which
     * usernames are taken.
     */
    public void simulateVerify(char[] password) {
        argon2(password, params, simulationSalt, HASH_BYTES);
    }

    /**
     * Whether a stored hash should be replaced by {@link #hash} the next time the password is known (at login):
     * it was made with other parameters or lengths than the current ones, or it cannot be read at all.
     */
    public boolean needsRehash(String encoded) {
        return parse(encoded)
                .map(s -> !s.params().equals(params) || s.salt().length != SALT_BYTES || s.hash().length != HASH_BYTES)
                .orElse(true);
    }

    private static Optional<Stored> parse(String encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(encoded);
        if (!m.matches() || Long.parseLong(m.group(1)) != VERSION) {
            return Optional.empty();
        }
        long memory = Long.parseLong(m.group(2));
        long iterations = Long.parseLong(m.group(3));
        long parallelism = Long.parseLong(m.group(4));
        Optional<byte[]> salt = decode(m.group(5), MIN_SALT_BYTES);
        Optional<byte[]> hash = decode(m.group(6), MIN_HASH_BYTES);
        if (salt.isEmpty() || hash.isEmpty()
                || parallelism < 1 || parallelism > Argon2Params.MAX_PARALLELISM
                || iterations < 1 || iterations > Argon2Params.MAX_ITERATIONS
                || memory < 8 * parallelism || memory > Argon2Params.MAX_MEMORY_KIB) {
            return Optional.empty();
        }
        Argon2Params stored = new Argon2Params((int) memory, (int) iterations, (int) parallelism);
        return Optional.of(new Stored(stored, salt.get(), hash.get()));
    }

    /**
     * Decodes canonical unpadded Base64 only. Re-encoding must give the same text: otherwise the unused low bits of
     * the last character could differ and two different strings would verify as the same stored hash.
     */
    private static Optional<byte[]> decode(String text, int minBytes) {
        byte[] bytes;
        try {
            bytes = BASE64_DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // impossible length (one character in the last group)
        }
        boolean canonical = BASE64.encodeToString(bytes).equals(text);
        return canonical && bytes.length >= minBytes && bytes.length <= MAX_SALT_OR_HASH_BYTES
                ? Optional.of(bytes) : Optional.empty();
    }

    private static byte[] argon2(char[] password, Argon2Params params, byte[] salt, int length) {
        Argon2Parameters argon2 = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(VERSION)
                .withMemoryAsKB(params.memoryKib())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(argon2);
        byte[] passwordBytes = utf8(password);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(passwordBytes, out);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0); // the caller clears its char[]; we clear our copy
        }
        return out;
    }

    /**
     * UTF-8 of the NFC form, as NIST SP 800-63B asks: the same "é" typed as one code point on one keyboard and as
     * "e" + combining accent on another must give the same hash. Unpaired surrogates become '?', like String does.
     */
    private static byte[] utf8(char[] password) {
        CharBuffer chars = CharBuffer.wrap(password);
        if (!Normalizer.isNormalized(chars, Normalizer.Form.NFC)) {
            chars = CharBuffer.wrap(Normalizer.normalize(chars, Normalizer.Form.NFC));
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .encode(chars);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 encoding with REPLACE cannot fail", e);
        }
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
