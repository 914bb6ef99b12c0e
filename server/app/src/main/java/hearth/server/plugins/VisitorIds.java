package hearth.server.plugins;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Opaque daily visitor ids for request observers: a client's address and user agent hashed with a random salt that
 * is drawn anew each UTC day and kept only in memory, so observers can count unique visitors per day without ever
 * seeing an address, and yesterday's ids cannot be tied to today's.
 */
final class VisitorIds {

    private record Salt(LocalDate day, byte[] bytes) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Salt salt;

    VisitorIds(Clock clock) {
        this.clock = clock;
    }

    /** The visitor id of a client today: 16 hex digits. */
    String of(String address, String userAgent) {
        Salt today = current();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(today.bytes());
            sha.update(address.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(userAgent.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Salt current() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Salt now = salt;
        if (now == null || !now.day().equals(day)) {
            synchronized (this) {
                if (salt == null || !salt.day().equals(day)) {
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    salt = new Salt(day, bytes);
                }
                now = salt;
            }
        }
        return now;
    }
}
