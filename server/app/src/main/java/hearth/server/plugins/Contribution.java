package hearth.server.plugins;

import hearth.api.access.AccessPolicy;
import hearth.api.access.Role;
import hearth.api.content.ContentGuard;
import hearth.api.content.SignUpGuard;
import hearth.api.events.EventListener;
import hearth.api.notifications.NotificationKind;
import hearth.api.observe.RequestObserver;
import hearth.api.search.SearchProvider;
import hearth.api.slots.SlotRenderer;
import hearth.api.tasks.ScheduledTask;
import hearth.api.web.PageHandler;
import java.time.Duration;
import hearth.api.commands.PluginCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything one started plugin declared in its manifest, as the core uses it. */
public record Contribution(String pluginId, List<SettingSpec> settings, List<Route> pages,
                          Optional<String> adminTitle, List<Route> adminRoutes, List<SlotPart> slots,
                          List<PermissionSpec> permissions, List<AccessPolicy> policies, List<ContentGuard> guards,
                          List<SignUpGuard> signUpGuards,
                          List<NamedListener> listeners, List<SearchProvider> searchProviders, List<TaskSpec> tasks,
                          List<RequestObserver> observers, List<NotificationKind> notificationKinds,
                           Map<String, String> shortcuts, List<CommandSpec> commands) {

    /** A page or admin route: {@code pattern} is relative to the plugin's prefix and may hold {@code :name}. */
    public record Route(String method, String pattern, PageHandler handler) {
    }

    /** A plugin's part of a slot, to render after the parts of the plugins in {@code after}. */
    public record SlotPart(String slot, SlotRenderer renderer, Set<String> after) {
    }

    /**
     * A permission with the roles that have it by default (a role has what any role below it has), and whether
     * anonymous visitors have it too (only core permissions, such as seeing discussions, grant that).
     */
    public record PermissionSpec(String key, String description, Set<Role> grantedByDefault, boolean anonymous) {

        public PermissionSpec(String key, String description, Set<Role> grantedByDefault) {
            this(key, description, grantedByDefault, false);
        }
    }

    /** A journal listener under the plugin's name for it. */
    public record NamedListener(String name, EventListener listener) {
    }

    /** A scheduled task. */
    public record TaskSpec(String name, Duration interval, ScheduledTask task) {
    }

    /** A command-line command. */
    public record CommandSpec(String name, String description, PluginCommand command) {
    }
}
