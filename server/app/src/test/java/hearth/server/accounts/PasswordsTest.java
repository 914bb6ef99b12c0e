package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.accounts.Passwords.Argon2Params;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {

    /** Cheap enough for many hashes per test; the format and logic do not depend on the cost. */
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);

    private final Passwords passwords = new Passwords(CHEAP, new Random(42));

    // Made by the reference implementation (Debian's argon2 CLI, libargon2 20171227), e.g.
    //   echo -n password | argon2 somesaltsomesalt -id -t 2 -k 64 -p 1 -l 32 -e
    private static final String REFERENCE_PASSWORD =
            "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E";
    private static final String REFERENCE_TWO_LANES =
            "$argon2id$v=19$m=256,t=3,p=2$TmFDbC1OYUNsLU5hQ2wh$h+s+TWiev8L6XDWYuMr8JpfdVsAVHhWkD6+ThHfP6ZY";
    private static final String REFERENCE_ACCENTS = // password "café-naïve-pw" in NFC, as UTF-8
            "$argon2id$v=19$m=32,t=1,p=1$c2FsdHNhbHRzYWx0$lnjrk1IPlXdD/YaiCo/0/MisBG6z1euCDG0AfA0z204";

    @Test
    void hashIsAPhcStringThatVerifies() {
        String encoded = passwords.hash("tea and biscuits".toCharArray());
        assertTrue(encoded.matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"),
                encoded);
        assertTrue(passwords.verify("tea and biscuits".toCharArray(), encoded));
    }

    @Test
    void wrongPasswordsDoNotVerify() {
        String encoded = passwords.hash("tea and biscuits".toCharArray());
        assertFalse(passwords.verify("Tea and biscuits".toCharArray(), encoded));
        assertFalse(passwords.verify("tea and biscuits ".toCharArray(), encoded));
        assertFalse(passwords.verify("tea and biscuit".toCharArray(), encoded));
        assertFalse(passwords.verify(new char[0], encoded));
    }

    @Test
    void everyHashHasItsOwnSalt() {
        String first = passwords.hash("same password".toCharArray());
        String second = passwords.hash("same password".toCharArray());
        assertNotEquals(first, second);
        assertNotEquals(first.split("\\$")[4], second.split("\\$")[4]);
        assertTrue(passwords.verify("same password".toCharArray(), first));
        assertTrue(passwords.verify("same password".toCharArray(), second));
    }

    @Test
    void readsHashesMadeByTheReferenceImplementation() {
        assertTrue(passwords.verify("password".toCharArray(), REFERENCE_PASSWORD));
        assertFalse(passwords.verify("Password".toCharArray(), REFERENCE_PASSWORD));
        assertTrue(passwords.verify("correct horse battery staple".toCharArray(), REFERENCE_TWO_LANES));
        assertTrue(passwords.verify("café-naïve-pw".toCharArray(), REFERENCE_ACCENTS));
    }

    @Test
    void writesExactlyWhatTheReferenceImplementationWritesForTheSameSalt() {
        byte[] salt = "somesaltsomesalt".getBytes(StandardCharsets.US_ASCII);
        Passwords fixedSalt = new Passwords(new Argon2Params(64, 2, 1), fixedBytes(salt));
        assertEquals(REFERENCE_PASSWORD, fixedSalt.hash("password".toCharArray()));
    }

    @Test
    void unicodePasswordsAreComparedInNormalFormC() {
        // "e" + U+0301 COMBINING ACUTE and "i" + U+0308 COMBINING DIAERESIS, as some keyboards produce them.
        char[] decomposed = "cafe\u0301-nai\u0308ve-pw".toCharArray();
        assertEquals(15, decomposed.length);
        assertTrue(passwords.verify(decomposed, REFERENCE_ACCENTS));
    }

    @Test
    void tamperingWithAnyPartOfTheStoredHashMakesItFail() {
        String encoded = passwords.hash("tea and biscuits".toCharArray());
        String[] parts = encoded.split("\\$"); // "", argon2id, v=19, m=64,t=1,p=1, salt, hash
        assertEquals(6, parts.length);
        String hash = parts[5];
        String salt = parts[4];
        char[] pw = "tea and biscuits".toCharArray();

        assertFalse(passwords.verify(pw, join(parts[3], salt, flip(hash, 10))), "hash changed");
        assertFalse(passwords.verify(pw, join(parts[3], salt, flip(hash, 0))), "hash changed");
        assertFalse(passwords.verify(pw, join(parts[3], flip(salt, 5), hash)), "salt changed");
        assertFalse(passwords.verify(pw, join("m=64,t=2,p=1", salt, hash)), "iterations changed");
        assertFalse(passwords.verify(pw, join("m=72,t=1,p=1", salt, hash)), "memory changed");
        assertFalse(passwords.verify(pw, join("m=64,t=1,p=2", salt, hash)), "lanes changed");
        assertFalse(passwords.verify(pw, join(parts[3], salt, hash.substring(0, 40))), "hash truncated");
        assertTrue(passwords.verify(pw, join(parts[3], salt, hash)), "the untouched parts still verify");
    }

    @Test
    void nonCanonicalBase64IsRefusedSoNoSecondSpellingOfAHashVerifies() {
        String encoded = passwords.hash("tea and biscuits".toCharArray());
        // 32 bytes need 43 characters; the last one carries 4 bits of the hash and 2 unused bits. Changing only the
        // unused bits decodes to the same bytes, so a lenient decoder would accept this second spelling.
        char last = encoded.charAt(encoded.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char sameBits = alphabet.charAt(alphabet.indexOf(last) ^ 0b0001);
        String respelled = encoded.substring(0, encoded.length() - 1) + sameBits;
        assertFalse(passwords.verify("tea and biscuits".toCharArray(), respelled));
        assertTrue(passwords.verify("tea and biscuits".toCharArray(), encoded));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "password",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", // bcrypt
        "$argon2i$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2d$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=16$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$t=2,m=64,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=064,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=-64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=64,t=1000,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=64,t=2,p=0$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=64,t=2,p=9$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=64,t=2$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=64,t=2,p=1$$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$",
        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA",
        "$argon2id$v=19$m=64,t=2,p=1$c2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E", // salt of 4 bytes
        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMz", // hash of 12 bytes
        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA==$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E=",
        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6",
        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E$",
        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMz_cdQqvgR3wcPX7SleI4c9NtXk6E",
        " $argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
        "$argon2id$v=19$m=64,t=2,p=1,keyid=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
    })
    void malformedStoredValuesDoNotVerifyAndAskForARehash(String encoded) {
        assertFalse(passwords.verify("password".toCharArray(), encoded));
        assertTrue(passwords.needsRehash(encoded));
    }

    @Test
    void rehashIsNeededOnlyWhenTheParametersDiffer() {
        Passwords current = new Passwords(new Argon2Params(64, 2, 1), new Random(1));
        assertFalse(current.needsRehash(current.hash("tea and biscuits".toCharArray())));
        assertFalse(current.needsRehash(REFERENCE_PASSWORD), "made with m=64,t=2,p=1 and the same lengths");

        assertTrue(current.needsRehash(passwords.hash("tea and biscuits".toCharArray())), "fewer iterations");
        assertTrue(current.needsRehash(new Passwords(new Argon2Params(128, 2, 1), new Random(1))
                .hash("tea and biscuits".toCharArray())), "more memory");
        assertTrue(current.needsRehash(new Passwords(new Argon2Params(64, 2, 2), new Random(1))
                .hash("tea and biscuits".toCharArray())), "more lanes");
        assertTrue(current.needsRehash(REFERENCE_TWO_LANES.replace("m=256,t=3,p=2", "m=64,t=2,p=1")),
                "right parameters but a 15-byte salt");
    }

    @Test
    void productionParametersRoundTrip() {
        Passwords production = new Passwords(Argon2Params.OWASP, new java.security.SecureRandom());
        String encoded = production.hash("a long and sturdy passphrase".toCharArray());
        assertTrue(encoded.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), encoded);
        assertTrue(production.verify("a long and sturdy passphrase".toCharArray(), encoded));
        assertFalse(production.verify("a long and sturdy passphrasE".toCharArray(), encoded));
        assertFalse(production.needsRehash(encoded));
    }

    @Test
    void simulatedVerifyRunsWithoutAStoredHash() {
        passwords.simulateVerify("whatever was typed".toCharArray()); // no exception, nothing to compare
        assertTrue(passwords.needsRehash(null));
    }

    @Test
    void parametersAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(64, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(64, 65, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(64, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(64, 1, 17));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(15, 1, 2)); // under 8 KiB per lane
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params((1 << 20) + 1, 1, 1));
        assertEquals(16, new Argon2Params(16, 1, 2).memoryKib());
    }

    private static String join(String params, String salt, String hash) {
        return "$argon2id$v=19$" + params + "$" + salt + "$" + hash;
    }

    /** The same Base64 text with one character replaced by a different alphabet character. */
    private static String flip(String base64, int index) {
        char c = base64.charAt(index);
        char other = c == 'A' ? 'B' : 'A';
        return base64.substring(0, index) + other + base64.substring(index + 1);
    }

    /** A generator whose byte output is always the given bytes (repeated), to reproduce a known salt. */
    private static RandomGenerator fixedBytes(byte[] bytes) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void nextBytes(byte[] out) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = bytes[i % bytes.length];
                }
            }
        };
    }
}
