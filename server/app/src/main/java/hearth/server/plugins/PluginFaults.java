package hearth.server.plugins;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containment: every call from the core into plugin code goes through here. An exception (or a linkage error from a
 * plugin built against another API) is caught, logged once with the plugin id and the place, and counted for the
 * admin page; the caller gets its fallback and the site goes on.
 */
public final class PluginFaults {

    private static final Logger log = LoggerFactory.getLogger(PluginFaults.class);

    /** How often a plugin failed in one place (a slot, a route, a listener...) since the server started. */
    public record Tally(String place, long count, String lastMessage, Instant lastAt) {
    }

    /** Plugin code that may throw anything. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final Clock clock;
    private final Map<String, Map<String, Tally>> counters = new ConcurrentHashMap<>();

    public PluginFaults(Clock clock) {
        this.clock = clock;
    }

    /** Calls {@code work} as plugin code; on failure records it and answers {@code fallback}. */
    public <T> T call(Owned<?> owner, String place, Callable<T> work, T fallback) {
        try {
            return WithClassLoader.call(owner.classLoader(), work);
        } catch (Exception | LinkageError e) {
            record(owner.pluginId(), place, e);
            return fallback;
        }
    }

    /** Runs {@code work} as plugin code; returns whether it finished without failing. */
    public boolean run(Owned<?> owner, String place, Work work) {
        return call(owner, place, () -> {
            work.run();
            return true;
        }, false);
    }

    /** Records a failure of plugin code caught elsewhere (e.g. by the journal dispatcher, which retries). */
    public void record(String pluginId, String place, Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        counters.computeIfAbsent(pluginId, id -> new ConcurrentHashMap<>())
                .merge(place, new Tally(place, 1, message, clock.instant()),
                        (old, now) -> new Tally(place, old.count() + 1, now.lastMessage(), now.lastAt()));
        log.warn("Plugin {} failed in {}: {}", pluginId, place, message, failure);
    }

    /** A plugin's failures by place, the most recent first. */
    public List<Tally> of(String pluginId) {
        return counters.getOrDefault(pluginId, Map.of()).values().stream()
                .sorted(Comparator.comparing(Tally::lastAt).reversed()).toList();
    }

    /** Forgets a plugin's failures (after an upgrade or uninstall: they were the old code's). */
    public void forget(String pluginId) {
        counters.remove(pluginId);
    }
}
