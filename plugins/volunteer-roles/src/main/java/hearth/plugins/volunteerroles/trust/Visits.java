package hearth.plugins.volunteerroles.trust;

import hearth.api.observe.ObservedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Days visited and reading time from members' page requests. Reading time is the gap between two requests of one
 * member on one day when it is short enough to mean they were reading ({@link #READING_GAP}); longer gaps count
 * nothing. The first request of a day is written at once (on a virtual thread: observers must not block) and may
 * promote the member; reading time gathers in memory and is written by {@link #flush}.
 */
public final class Visits {

    /** Up to this long between two requests counts as reading. */
    public static final Duration READING_GAP = Duration.ofMinutes(3);

    private record Seen(LocalDate day, Instant lastAt, long pendingSeconds) {
    }

    private final ActivityLog log;
    private final LongConsumer newDay;
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

    /** {@code newDay} runs (blocking is fine there) after a member's first visit of a day is recorded. */
    public Visits(ActivityLog log, LongConsumer newDay) {
        this.log = log;
        this.newDay = newDay;
    }

    public void observe(ObservedRequest request) {
        if (request.memberId().isEmpty() || request.status() >= 400 || !request.method().equals("GET")) {
            return;
        }
        long memberId = request.memberId().get();
        LocalDate day = LocalDate.ofInstant(request.at(), ZoneOffset.UTC);
        Seen before = seen.get(memberId);
        if (before == null || !before.day().equals(day)) {
            seen.put(memberId, new Seen(day, request.at(), 0));
            long carried = before == null ? 0 : before.pendingSeconds();
            LocalDate carriedDay = before == null ? null : before.day();
            Thread.ofVirtual().name("volunteer-roles-visit").start(() -> {
                if (carried > 0) {
                    log.record(memberId, carriedDay, (int) carried);
                }
                log.record(memberId, day, 0);
                newDay.accept(memberId);
            });
            return;
        }
        Duration gap = Duration.between(before.lastAt(), request.at());
        long add = gap.isNegative() || gap.compareTo(READING_GAP) > 0 ? 0 : gap.toSeconds();
        seen.put(memberId, new Seen(day, request.at(), before.pendingSeconds() + add));
    }

    /** Writes the reading time gathered so far (blocking; a scheduled task calls it). */
    public void flush() {
        for (Map.Entry<Long, Seen> entry : seen.entrySet()) {
            Seen current = entry.getValue();
            if (current.pendingSeconds() > 0
                    && seen.replace(entry.getKey(), current, new Seen(current.day(), current.lastAt(), 0))) {
                log.record(entry.getKey(), current.day(), (int) current.pendingSeconds());
            }
        }
    }
}
