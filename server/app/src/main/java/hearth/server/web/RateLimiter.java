package hearth.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} actions per key within a sliding {@code window}, in memory. For abuse brakes on cheap
 * actions (sign-ups per address, reset mails per address); sign-in throttling is in the database instead, because it
 * must hold across restarts and nodes.
 */
public final class RateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one action for {@code key}; false (and not counted) when the key is over its limit. */
    public boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        if (recent.size() > 10_000) {
            recent.values().removeIf(times -> times.isEmpty() || !times.peekLast().isAfter(since));
        }
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
