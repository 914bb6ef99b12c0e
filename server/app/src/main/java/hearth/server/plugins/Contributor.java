package hearth.server.plugins;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.AccessPolicy;
import hearth.api.access.Role;
import hearth.api.commands.PluginCommand;
import hearth.api.content.ContentGuard;
import hearth.api.content.SignUpGuard;
import hearth.api.events.EventListener;
import hearth.api.notifications.NotificationKind;
import hearth.api.observe.RequestObserver;
import hearth.api.search.SearchProvider;
import hearth.api.settings.Setting;
import hearth.api.settings.SettingsBuilder;
import hearth.api.slots.SlotPlacement;
import hearth.api.slots.SlotRenderer;
import hearth.api.slots.Slots;
import hearth.api.tasks.ScheduledTask;
import hearth.api.web.PageHandler;
import hearth.api.web.Routes;
import hearth.server.plugins.Contribution.NamedListener;
import hearth.server.plugins.Contribution.PermissionSpec;
import hearth.server.plugins.Contribution.Route;
import hearth.server.plugins.Contribution.SlotPart;
import hearth.server.plugins.Contribution.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects what a plugin's manifest declares, checking each declaration as it comes: a mistake (a key without the
 * plugin's prefix, an unknown slot, a duplicate name) fails the plugin's start with a message naming it.
 */
final class Contributor implements Contributions {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);
    private static final Pattern SHORTCUT = Pattern.compile("/[a-z0-9]+(-[a-z0-9]+)*");

    private final String pluginId;
    private final PluginContext context;
    private final PluginSettings settingValues;
    private final List<SettingSpec> settings = new ArrayList<>();
    private final List<Route> pages = new ArrayList<>();
    private final List<Route> adminRoutes = new ArrayList<>();
    private Optional<String> adminTitle = Optional.empty();
    private final List<SlotPart> slots = new ArrayList<>();
    private final List<PermissionSpec> permissions = new ArrayList<>();
    private final List<AccessPolicy> policies = new ArrayList<>();
    private final List<ContentGuard> guards = new ArrayList<>();
    private final List<SignUpGuard> signUpGuards = new ArrayList<>();
    private final List<Runnable> warmUps = new ArrayList<>();
    private final List<NamedListener> listeners = new ArrayList<>();
    private final List<SearchProvider> searchProviders = new ArrayList<>();
    private final List<TaskSpec> tasks = new ArrayList<>();
    private final List<RequestObserver> observers = new ArrayList<>();
    private final List<NotificationKind> notificationKinds = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> shortcuts = new LinkedHashMap<>();
    private final List<Contribution.CommandSpec> commands = new ArrayList<>();

    Contributor(String pluginId, PluginContext context, PluginSettings settingValues) {
        this.pluginId = pluginId;
        this.context = context;
        this.settingValues = settingValues;
    }

    Contribution contribution() {
        return new Contribution(pluginId, List.copyOf(settings), List.copyOf(pages), adminTitle,
                List.copyOf(adminRoutes), List.copyOf(slots), List.copyOf(permissions), List.copyOf(policies),
                List.copyOf(guards), List.copyOf(signUpGuards), List.copyOf(listeners), List.copyOf(searchProviders), List.copyOf(tasks),
                List.copyOf(observers), List.copyOf(notificationKinds), Map.copyOf(shortcuts), List.copyOf(commands));
    }

    @Override
    public PluginContext context() {
        return context;
    }

    @Override
    public SettingsBuilder settings() {
        return new SettingsBuilder() {
            @Override
            public Setting<String> text(String key, String label, String defaultValue, int maxLength) {
                check(maxLength > 0 && defaultValue.length() <= maxLength, "setting " + key + ": the default is longer"
                        + " than " + maxLength);
                return declare(SettingSpec.text(key, label, defaultValue, maxLength), String.class);
            }

            @Override
            public Setting<Integer> number(String key, String label, int defaultValue, int min, int max) {
                check(min <= defaultValue && defaultValue <= max, "setting " + key + ": the default is out of range");
                return declare(SettingSpec.number(key, label, defaultValue, min, max), Integer.class);
            }

            @Override
            public Setting<Boolean> toggle(String key, String label, boolean defaultValue) {
                return declare(SettingSpec.toggle(key, label, defaultValue), Boolean.class);
            }

            @Override
            public Setting<String> choice(String key, String label, String defaultValue, List<String> choices) {
                check(choices.contains(defaultValue), "setting " + key + ": the default is not one of the choices");
                return declare(SettingSpec.choice(key, label, defaultValue, choices), String.class);
            }
        };
    }

    private <T> Setting<T> declare(SettingSpec spec, Class<T> type) {
        named("setting", spec.key());
        settings.add(spec);
        return settingValues.handle(pluginId, spec, type);
    }

    @Override
    public Routes pages() {
        return routes(pages);
    }

    @Override
    public Routes adminSection(String title) {
        check(adminTitle.isEmpty(), "adminSection may be declared once");
        check(!title.isBlank(), "the admin section needs a title");
        adminTitle = Optional.of(title.strip());
        return routes(adminRoutes);
    }

    private Routes routes(List<Route> into) {
        return new Routes() {
            @Override
            public Routes get(String path, PageHandler handler) {
                return add("GET", path, handler);
            }

            @Override
            public Routes post(String path, PageHandler handler) {
                return add("POST", path, handler);
            }

            private Routes add(String method, String path, PageHandler handler) {
                check(path.startsWith("/"), "route " + path + " must start with /");
                into.add(new Route(method, path, handler));
                return this;
            }
        };
    }

    @Override
    public SlotPlacement slot(String slot, SlotRenderer renderer) {
        check(Slots.ALL.contains(slot), "there is no slot named " + slot + " (see hearth.api.slots.Slots)");
        Set<String> after = new HashSet<>();
        int index = slots.size();
        slots.add(new SlotPart(slot, renderer, Set.of()));
        return new SlotPlacement() {
            @Override
            public SlotPlacement after(String otherPlugin) {
                after.add(otherPlugin);
                slots.set(index, new SlotPart(slot, renderer, Set.copyOf(after)));
                return this;
            }
        };
    }

    @Override
    public void permission(String key, String description, Role... grantedByDefault) {
        prefixed("permission", key);
        unique("permission", key);
        Set<Role> roles = grantedByDefault.length == 0 ? Set.of() : EnumSet.copyOf(List.of(grantedByDefault));
        permissions.add(new PermissionSpec(key, description, Set.copyOf(roles)));
    }

    @Override
    public void accessPolicy(AccessPolicy policy) {
        policies.add(policy);
    }

    @Override
    public void contentGuard(ContentGuard guard) {
        guards.add(guard);
    }

    @Override
    public void shortcut(String path, String target) {
        check(SHORTCUT.matcher(path).matches(), "shortcut " + path + " is not one lower-case segment like /review");
        check(target.startsWith("/"), "shortcut " + path + " must lead to a path starting with /");
        check(shortcuts.putIfAbsent(path, "/x/" + pluginId + target) == null, "shortcut " + path + " is declared twice");
    }

    @Override
    public void signUpGuard(SignUpGuard guard) {
        signUpGuards.add(guard);
    }

    @Override
    public void warmUp(Runnable load) {
        warmUps.add(load);
    }

    /** What the plugin asked to load before its contributions go live. */
    List<Runnable> warmUps() {
        return List.copyOf(warmUps);
    }

    @Override
    public void listener(String name, EventListener listener) {
        named("listener", name);
        listeners.add(new NamedListener(name, listener));
    }

    @Override
    public void searchProvider(SearchProvider provider) {
        check(searchProviders.isEmpty(), "a plugin provides at most one search provider");
        searchProviders.add(provider);
    }

    @Override
    public void task(String name, Duration interval, ScheduledTask task) {
        named("task", name);
        check(interval.compareTo(SHORTEST_INTERVAL) >= 0, "task " + name + " runs too often (at least 100 ms apart)");
        tasks.add(new TaskSpec(name, interval, task));
    }

    @Override
    public void command(String name, String description, PluginCommand command) {
        named("command", name);
        commands.add(new Contribution.CommandSpec(name, description, command));
    }

    @Override
    public void requestObserver(RequestObserver observer) {
        observers.add(observer);
    }

    @Override
    public NotificationKind notificationKind(String key, String description) {
        prefixed("notification kind", key);
        unique("notification kind", key);
        NotificationKind kind = new NotificationKind(key, description);
        notificationKinds.add(kind);
        return kind;
    }

    private void named(String what, String name) {
        check(NAME.matcher(name).matches(), what + " name " + name + " is not kebab-case");
        unique(what, name);
    }

    private void prefixed(String what, String key) {
        check(key.startsWith(pluginId + ".") && key.length() > pluginId.length() + 1,
                what + " " + key + " must start with \"" + pluginId + ".\"");
    }

    private void unique(String what, String name) {
        check(names.add(what + " " + name), what + " " + name + " is declared twice");
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("Plugin " + pluginId + ": " + problem);
        }
    }
}
