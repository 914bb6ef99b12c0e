package hearth.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. */
public final class SettableClock extends Clock {

    private volatile Instant now;

    public SettableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
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
