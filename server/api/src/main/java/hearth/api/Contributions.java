package hearth.api;

import hearth.api.access.AccessPolicy;
import hearth.api.access.Role;
import hearth.api.commands.PluginCommand;
import hearth.api.content.ContentGuard;
import hearth.api.content.SignUpGuard;
import hearth.api.events.EventListener;
import hearth.api.notifications.NotificationKind;
import hearth.api.observe.RequestObserver;
import hearth.api.search.SearchProvider;
import hearth.api.settings.SettingsBuilder;
import hearth.api.slots.SlotPlacement;
import hearth.api.slots.SlotRenderer;
import hearth.api.tasks.ScheduledTask;
import hearth.api.web.Routes;
import java.time.Duration;

/**
 * What a plugin adds to the site, declared in {@link HearthExtension#contribute}. Everything declared here is live
 * while the plugin is enabled and gone (routes answer 404, slots render nothing, guards, policies, tasks and
 * observers are skipped, listeners pause) while it is disabled. Names and keys are the plugin's own: permission,
 * setting and notification keys are prefixed with the plugin id by the server where noted.
 */
public interface Contributions {

    /** The core services the plugin may use, and facts about itself. */
    PluginContext context();

    /** Typed settings; the admin form is generated from them. */
    SettingsBuilder settings();

    /** Page routes, mounted under {@code /x/<plugin-id>/}; handlers run off the event loop and may block. */
    Routes pages();

    /**
     * An admin section: a link titled {@code title} in the admin navigation, and routes mounted under
     * {@code /admin/x/<plugin-id>/} that only admins reach.
     */
    Routes adminSection(String title);

    /**
     * A short top-level address, such as {@code /review}, that redirects to one of the plugin's pages ({@code target},
     * relative to {@code /x/<plugin-id>}, e.g. {@code /review}). The core's own addresses always win; of two plugins
     * claiming one, the first by id.
     *
     * @since 1.1.0
     */
    void shortcut(String path, String target);

    /** Renders into a named place of the core templates (see {@link hearth.api.slots.Slots}). */
    SlotPlacement slot(String slot, SlotRenderer renderer);

    /**
     * A permission the plugin checks with {@link hearth.api.access.Permissions}, granted by default to the given
     * roles. {@code key} must start with the plugin id and a dot, e.g. {@code moderation.review-flags}.
     */
    void permission(String key, String description, Role... grantedByDefault);

    /** Takes part in every permission decision (DENY from any policy wins over ALLOW). */
    void accessPolicy(AccessPolicy policy);

    /** Looks at every topic, reply and profile text before it is saved. */
    void contentGuard(ContentGuard guard);

    /**
     * Runs {@code load} once on this node when the plugin starts (server start, enable, upgrade), after its
     * migrations and before any of its contributions is live; it may block. For loading what guards, policies and
     * slot renderers keep in memory. Throwing marks the plugin FAILED.
     *
     * @since 1.1.0
     */
    void warmUp(Runnable load);

    /**
     * Looks at every sign-up before the account is created.
     *
     * @since 1.1.0
     */
    void signUpGuard(SignUpGuard guard);

    /**
     * Receives journal entries after commit, at least once and in order. {@code name} identifies the listener's
     * cursor: keep it stable across versions, or the listener starts again from the beginning of the journal.
     */
    void listener(String name, EventListener listener);

    /** Answers the site search instead of the core's plain fallback (only one provider is used at a time). */
    void searchProvider(SearchProvider provider);

    /** Runs {@code task} every {@code interval}, on one node of the site at a time. */
    void task(String name, Duration interval, ScheduledTask task);

    /**
     * A command-line command, {@code java -jar hearth.jar <name>} (kebab-case, not one of the core's commands), with a
     * one-line description for its output. Of two plugins declaring one name, the first by id runs it.
     *
     * @since 1.2.0
     */
    void command(String name, String description, PluginCommand command);

    /** Sees every page and API request after its response has been sent. */
    void requestObserver(RequestObserver observer);

    /**
     * A kind of notification the plugin sends, which members can see and configure. {@code key} must start with the
     * plugin id and a dot.
     */
    NotificationKind notificationKind(String key, String description);
}
