package hearth.server.accounts;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 4648 Base32 without padding, the form authenticator apps expect for TOTP secrets. Decoding ignores case and
 * spaces (people copy secrets by hand, often in groups of four) and rejects anything else that is not canonical.
 */
final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET.charAt((buffer >>> bits) & 0x1f));
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException for a character outside the alphabet, padding, or an impossible length */
    static byte[] decode(String text) {
        String chars = text.replace(" ", "").toUpperCase(Locale.ROOT);
        ByteArrayOutputStream out = new ByteArrayOutputStream(chars.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < chars.length(); i++) {
            int value = ALPHABET.indexOf(chars.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("Not a Base32 character at " + i + ": '" + chars.charAt(i) + "'");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >>> bits) & 0xff);
            }
        }
        // Leftover bits come from the last character's padding bits: fewer than 5 of them, and all zero, or the
        // text has a length no byte string encodes to (1, 3 or 6 characters in the last group of 8).
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("Not canonical Base32 (length " + chars.length() + ")");
        }
        return out.toByteArray();
    }
}
