package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    /** The RFC 6238 appendix B seed for HMAC-SHA1. */
    private static final String RFC_SECRET = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private static final Instant NOW = Instant.parse("2026-03-14T15:09:26Z");

    private final Totp totp = new Totp(Clock.fixed(NOW, ZoneOffset.UTC), new Random(7));

    @ParameterizedTest(name = "T={0}s -> {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130",
    })
    void rfc6238TestVectors(long seconds, String expected) {
        Totp eightDigits = new Totp(Clock.systemUTC(), new Random(7), 8);
        Instant time = Instant.ofEpochSecond(seconds);
        assertEquals(expected, eightDigits.codeAt(RFC_SECRET, time));
        assertEquals(OptionalLong.of(seconds / 30), eightDigits.verify(RFC_SECRET, expected, time));
    }

    /** RFC 4226 appendix D: HOTP for counters 0 to 9, which are TOTP's steps 0 to 9 at 6 digits. */
    @Test
    void sixDigitCodesMatchRfc4226Vectors() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
            "520489"};
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(step * 30L + 29)), "step " + step);
        }
    }

    @Test
    void stepsAreWholeThirtySecondPeriods() {
        assertEquals(0, totp.stepAt(Instant.ofEpochSecond(29)));
        assertEquals(1, totp.stepAt(Instant.ofEpochSecond(30)));
        assertEquals(-1, totp.stepAt(Instant.ofEpochSecond(-1)));
        assertEquals(NOW.getEpochSecond() / 30, totp.stepAt(NOW));
    }

    @Test
    void secretsAreTwentyRandomBytesInUnpaddedBase32() {
        String secret = totp.newSecret();
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        assertEquals(20, Base32.decode(secret).length);
        assertNotEquals(secret, totp.newSecret());
    }

    @Test
    void uriNamesIssuerAndAccountPercentEncoded() {
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        assertEquals("otpauth://totp/Hearth%20Garden%20Club:ann%40example.org"
                + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Hearth%20Garden%20Club",
                totp.uri("Hearth Garden Club", "ann@example.org", secret));
        assertEquals("otpauth://totp/Caf%C3%A9%20%26%20Co%2B:b%C3%A9a?secret=" + secret
                + "&issuer=Caf%C3%A9%20%26%20Co%2B&digits=8",
                new Totp(Clock.systemUTC(), new Random(7), 8).uri("Café & Co+", "béa", secret));
    }

    @Test
    void acceptsTheCurrentCodeAndReportsItsStep() {
        String secret = totp.newSecret();
        long step = totp.stepAt(NOW);
        assertEquals(OptionalLong.of(step), totp.verify(secret, totp.codeAt(secret, NOW), NOW));
        assertEquals(OptionalLong.of(step), totp.verifyNow(secret, totp.codeAt(secret, NOW), Totp.NEVER_USED),
                "the injected clock's now");
    }

    @Test
    void toleratesOneStepOfClockSkewEitherWayButNotTwo() {
        String secret = totp.newSecret();
        long step = totp.stepAt(NOW);
        String previous = totp.codeAt(secret, NOW.minusSeconds(30));
        String next = totp.codeAt(secret, NOW.plusSeconds(30));
        String twoBehind = totp.codeAt(secret, NOW.minusSeconds(60));
        String twoAhead = totp.codeAt(secret, NOW.plusSeconds(60));

        assertEquals(OptionalLong.of(step - 1), totp.verify(secret, previous, NOW));
        assertEquals(OptionalLong.of(step + 1), totp.verify(secret, next, NOW));
        assertEquals(OptionalLong.empty(), totp.verify(secret, twoBehind, NOW));
        assertEquals(OptionalLong.empty(), totp.verify(secret, twoAhead, NOW));
    }

    @Test
    void aCodeOfAStepAlreadyUsedIsRefused() {
        String secret = totp.newSecret();
        String code = totp.codeAt(secret, NOW);
        long used = totp.verify(secret, code, NOW).orElseThrow();

        assertEquals(OptionalLong.empty(), totp.verify(secret, code, NOW, used), "same code replayed");
        assertEquals(OptionalLong.empty(), totp.verify(secret, code, NOW.plusSeconds(20), used), "still in window");
        assertEquals(OptionalLong.empty(), totp.verifyNow(secret, code, used), "through the clock too");
        assertEquals(OptionalLong.empty(),
                totp.verify(secret, totp.codeAt(secret, NOW.minusSeconds(30)), NOW, used), "an older step");

        Instant later = NOW.plusSeconds(30);
        assertEquals(OptionalLong.of(used + 1), totp.verify(secret, totp.codeAt(secret, later), later, used),
                "the next step's code still works");
    }

    @Test
    void aCodeUsedAheadOfTimeBlocksTheStepsBeforeIt() {
        String secret = totp.newSecret();
        long usedAhead = totp.verify(secret, totp.codeAt(secret, NOW.plusSeconds(30)), NOW).orElseThrow();
        assertEquals(OptionalLong.empty(), totp.verify(secret, totp.codeAt(secret, NOW), NOW, usedAhead));
    }

    @Test
    void spacesInTheTypedCodeAreIgnored() {
        String secret = totp.newSecret();
        String code = totp.codeAt(secret, NOW);
        String spaced = " " + code.substring(0, 3) + " " + code.substring(3) + " ";
        assertEquals(OptionalLong.of(totp.stepAt(NOW)), totp.verify(secret, spaced, NOW));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "1234567", "12a456", "-12345", "１２３４５６", "١٢٣٤٥٦", "12345\n"})
    void malformedCodesAreRefused(String code) {
        assertEquals(OptionalLong.empty(), totp.verify(RFC_SECRET, code, NOW));
    }

    @Test
    void aWrongCodeIsRefused() {
        String secret = totp.newSecret();
        String right = totp.codeAt(secret, NOW);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        // Exclude the 3-in-a-million chance that "wrong" is a neighbouring step's code.
        boolean neighbour = wrong.equals(totp.codeAt(secret, NOW.minusSeconds(30)))
                || wrong.equals(totp.codeAt(secret, NOW.plusSeconds(30)));
        assertEquals(neighbour, totp.verify(secret, wrong, NOW).isPresent());
        assertEquals(OptionalLong.empty(), totp.verify(RFC_SECRET, right, NOW), "another member's secret");
    }

    @Test
    void aDamagedStoredSecretIsAnErrorNotAWrongCode() {
        assertThrows(IllegalArgumentException.class, () -> totp.verify("NOT BASE32!", "123456", NOW));
        assertThrows(IllegalArgumentException.class, () -> totp.verify("", "123456", NOW));
    }

    @Test
    void digitsOutsideSixToEightAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Totp(Clock.systemUTC(), new Random(), 5));
        assertThrows(IllegalArgumentException.class, () -> new Totp(Clock.systemUTC(), new Random(), 9));
    }

    @Nested
    class Base32Codec {

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB",
            "foobar, MZXW6YTBOI"})
        void rfc4648VectorsWithoutPadding(String text, String base32) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertEquals(base32, Base32.encode(bytes));
            assertArrayEquals(bytes, Base32.decode(base32));
        }

        @Test
        void roundTripsEveryLengthAndByteValue() {
            Random random = new Random(3);
            for (int length = 0; length <= 41; length++) {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                assertArrayEquals(bytes, Base32.decode(Base32.encode(bytes)), "length " + length);
            }
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            assertArrayEquals(all, Base32.decode(Base32.encode(all)));
        }

        @Test
        void decodingIgnoresCaseAndSpaces() {
            assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("mzxw 6ytb oi"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"MY======", "M1", "MZXW6YT!", "M", "MZX", "MZXW6Y", "MZ", "MZXR"})
        void refusesPaddingForeignCharactersImpossibleLengthsAndStrayBits(String text) {
            // MZ and MZXR decode to the same bytes as MY and MZXQ but with non-zero unused bits.
            assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
        }
    }
}
