package hearth.server.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import hearth.api.access.AccessPolicy;
import hearth.api.content.ContentGuard;
import hearth.api.content.SignUpGuard;
import hearth.api.observe.RequestObserver;
import hearth.api.search.SearchProvider;
import hearth.server.plugins.Contribution.PermissionSpec;
import hearth.server.plugins.Contribution.Route;
import hearth.server.plugins.Contribution.SlotPart;
import hearth.server.plugins.Contribution.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The contributions of the plugins that are running now, as the core reads them on every request. Each change
 * (a plugin started or stopped) builds a new immutable snapshot and swaps it in, so readers never lock and never
 * see half a plugin. Nothing outside a snapshot holds plugin objects, so a stopped plugin's classes can be unloaded.
 */
public final class ActivePlugins {

    /**
     * A running plugin: what it declared, its version, the class loader its code runs with, and the JSON mapper for
     * its responses (its own, so the mapper's class caches go when the plugin goes).
     */
    public record Active(Contribution contribution, String version, ClassLoader classLoader, ObjectMapper json) {

        public Active(Contribution contribution, ClassLoader classLoader) {
            this(contribution, "0.0.0", classLoader);
        }

        public Active(Contribution contribution, String version, ClassLoader classLoader) {
            this(contribution, version, classLoader, JsonMapper.builder().addModule(new JavaTimeModule())
                    .addModule(new Jdk8Module())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());
        }

        <T> Owned<T> own(T value) {
            return new Owned<>(contribution.pluginId(), classLoader, value);
        }
    }

    /** A plugin's admin section, for the admin navigation. */
    public record AdminSection(String pluginId, String title) {
    }

    private record Snapshot(Map<String, Active> byId, Map<String, List<Owned<SlotPart>>> slots,
                            List<Owned<AccessPolicy>> policies, List<Owned<ContentGuard>> guards,
                            List<Owned<SignUpGuard>> signUpGuards,
                            List<Owned<SearchProvider>> searchProviders, List<Owned<TaskSpec>> tasks,
                            List<Owned<RequestObserver>> observers, Map<String, PermissionSpec> permissions,
                            List<AdminSection> adminSections) {

        static final Snapshot EMPTY = of(Map.of());

        static Snapshot of(Map<String, Active> byId) {
            Map<String, Active> sorted = new TreeMap<>(byId); // a stable order: by plugin id
            Map<String, PermissionSpec> permissions = new LinkedHashMap<>();
            List<AdminSection> sections = new ArrayList<>();
            for (Active active : sorted.values()) {
                Contribution c = active.contribution();
                c.permissions().forEach(p -> permissions.put(p.key(), p));
                c.adminTitle().ifPresent(title -> sections.add(new AdminSection(c.pluginId(), title)));
            }
            return new Snapshot(Map.copyOf(sorted), SlotOrder.arrange(sorted.values()),
                    all(sorted, Contribution::policies), all(sorted, Contribution::guards),
                    all(sorted, Contribution::signUpGuards),
                    all(sorted, Contribution::searchProviders), all(sorted, Contribution::tasks),
                    all(sorted, Contribution::observers), Map.copyOf(permissions), List.copyOf(sections));
        }

        private static <T> List<Owned<T>> all(Map<String, Active> byId, Function<Contribution, List<T>> part) {
            List<Owned<T>> out = new ArrayList<>();
            byId.values().forEach(active -> part.apply(active.contribution()).forEach(v -> out.add(active.own(v))));
            return List.copyOf(out);
        }
    }

    private volatile Snapshot now = Snapshot.EMPTY;

    synchronized void publish(Active active) {
        Map<String, Active> next = new HashMap<>(now.byId());
        next.put(active.contribution().pluginId(), active);
        now = Snapshot.of(next);
    }

    synchronized void withdraw(String pluginId) {
        if (now.byId().containsKey(pluginId)) {
            Map<String, Active> next = new HashMap<>(now.byId());
            next.remove(pluginId);
            now = Snapshot.of(next);
        }
    }

    public boolean isActive(String pluginId) {
        return now.byId().containsKey(pluginId);
    }

    public Optional<Active> active(String pluginId) {
        return Optional.ofNullable(now.byId().get(pluginId));
    }

    /** The route of a running plugin that answers {@code method path}, with the path's parameters. */
    public Optional<RouteMatch> route(String pluginId, boolean admin, String method, String path) {
        Active active = now.byId().get(pluginId);
        if (active == null) {
            return Optional.empty();
        }
        List<Route> routes = admin ? active.contribution().adminRoutes() : active.contribution().pages();
        for (Route route : routes) {
            Optional<Map<String, String>> params = RouteMatch.match(route.pattern(), path);
            if (params.isPresent() && (route.method().equals(method)
                    || route.method().equals("GET") && method.equals("HEAD"))) {
                return Optional.of(new RouteMatch(active.own(route.handler()), params.get()));
            }
        }
        return Optional.empty();
    }

    /** The parts of a slot, in their render order. */
    public List<Owned<SlotPart>> slot(String slot) {
        return now.slots().getOrDefault(slot, List.of());
    }

    public List<Owned<AccessPolicy>> policies() {
        return now.policies();
    }

    public List<Owned<ContentGuard>> guards() {
        return now.guards();
    }

    /** Where a plugin's shortcut (a top-level address such as /review) leads, if a running plugin declares it. */
    public Optional<String> shortcut(String path) {
        // Of two plugins declaring one, the first by id wins, whatever order they started in.
        return now.byId().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().contribution().shortcuts().get(path)).filter(Objects::nonNull).findFirst();
    }

    public List<Owned<SignUpGuard>> signUpGuards() {
        return now.signUpGuards();
    }

    /** A command-line command of a running plugin: the first plugin's, by id, that declares {@code name}. */
    public Optional<Owned<Contribution.CommandSpec>> command(String name) {
        return now.byId().values().stream().sorted(Comparator.comparing(a -> a.contribution().pluginId()))
                .flatMap(active -> active.contribution().commands().stream()
                        .filter(c -> c.name().equals(name)).map(active::own))
                .findFirst();
    }

    /** The search provider in use: the first running plugin's, by plugin id. */
    public Optional<Owned<SearchProvider>> searchProvider() {
        return now.searchProviders().stream().findFirst();
    }

    public List<Owned<TaskSpec>> tasks() {
        return now.tasks();
    }

    public List<Owned<RequestObserver>> observers() {
        return now.observers();
    }

    /** The permissions the running plugins declared, by key. */
    public Map<String, PermissionSpec> permissions() {
        return now.permissions();
    }

    public List<AdminSection> adminSections() {
        return now.adminSections();
    }
}
