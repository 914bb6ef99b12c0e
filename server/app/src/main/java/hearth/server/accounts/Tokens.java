package hearth.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Random secrets for cookies and links (256 bits, URL-safe) and the hash under which they are stored: a stolen
 * database then logs nobody in. SHA-256 suffices because the secrets are random, not chosen by people.
 */
public final class Tokens {

    private final RandomGenerator random;

    public Tokens(RandomGenerator random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
