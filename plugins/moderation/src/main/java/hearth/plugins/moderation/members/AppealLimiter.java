package hearth.plugins.moderation.members;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many appeals the public form takes: at most {@code perKey} an hour for each key (a client address, a username),
 * and at most {@code overall} an hour in all, which bounds a flood from addresses the form cannot tell apart. Kept in
 * memory on purpose: losing the counts on a restart only forgives an hour of appeals.
 */
final class AppealLimiter {

    private static final Duration WINDOW = Duration.ofHours(1);
    private static final String OVERALL = "";

    private final Clock clock;
    private final int perKey;
    private final int overall;
    private final Map<String, Deque<Instant>> sent = new HashMap<>();

    AppealLimiter(Clock clock, int perKey, int overall) {
        this.clock = clock;
        this.perKey = perKey;
        this.overall = overall;
    }

    /** Counts one appeal for every key and returns true, or returns false (counting nothing) if any key is spent. */
    synchronized boolean tryAcquire(List<String> keys) {
        Instant now = clock.instant();
        Instant since = now.minus(WINDOW);
        sent.values().removeIf(times -> {
            while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                times.pollFirst();
            }
            return times.isEmpty();
        });
        if (count(OVERALL) >= overall || keys.stream().anyMatch(key -> count(key) >= perKey)) {
            return false;
        }
        sent.computeIfAbsent(OVERALL, k -> new ArrayDeque<>()).addLast(now);
        keys.forEach(key -> sent.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now));
        return true;
    }

    private int count(String key) {
        Deque<Instant> times = sent.get(key);
        return times == null ? 0 : times.size();
    }
}
