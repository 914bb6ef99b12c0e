package hearth.server.plugins;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. */
final class SettableClock extends Clock {

    private volatile Instant now;

    SettableClock(Instant start) {
        this.now = start;
    }

    void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Zoned views would need to share the settable instant; no test asks for one, so only UTC is offered.
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new IllegalArgumentException("A settable clock runs in UTC only, not " + zone);
        }
        return this;
    }
}
