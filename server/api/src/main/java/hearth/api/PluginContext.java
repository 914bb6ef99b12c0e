package hearth.api;

import hearth.api.access.Permissions;
import hearth.api.data.PluginDatabase;
import hearth.api.mail.MemberMail;
import hearth.api.moderation.ModerationActions;
import hearth.api.notifications.Notifications;
import hearth.api.search.SearchSource;
import hearth.api.views.Members;
import hearth.api.views.Topics;
import hearth.api.web.PluginTemplates;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The core services a plugin may use. Plugins read core data only through these views, never core tables, so the
 * core can change its schema without breaking them. Methods that touch the database block: call them from page
 * handlers, listeners and tasks (which run off the event loop), not from slot renderers, guards or policies.
 */
public interface PluginContext {

    /** The plugin's id (kebab-case), as in its manifest. */
    String pluginId();

    /** The plugin's version, as in its manifest. */
    String pluginVersion();

    /** Members, by id or username. */
    Members members();

    /** Topics and posts. */
    Topics topics();

    /**
     * Changes to posts, topics and members' standing for moderation, made inside a
     * {@link PluginDatabase#transaction}.
     *
     * @since 1.1.0
     */
    ModerationActions moderation();

    /**
     * Everything readers may find, for a search index: pages for a rebuild, single items to follow the journal.
     *
     * @since 1.2.0
     */
    SearchSource searchSource();

    /** Who may do what. */
    Permissions permissions();

    /** In-app notifications to members, of the kinds the plugin declared. */
    Notifications notifications();

    /**
     * Plain-text mail to members through the site's outbox, queued in the plugin's transactions.
     *
     * @since 1.3.0
     */
    MemberMail mail();

    /** Transactions on the plugin's own tables (named {@code <id_snake>_*}, created by its migrations). */
    PluginDatabase database();

    /** Renders the plugin's templates (addressed {@code <plugin-id>::name}; a theme may override them). */
    PluginTemplates templates();

    /** The site's clock; use it instead of the system clock so tests can control time. */
    Clock clock();

    /**
     * The URL of one of the plugin's static files ({@code hearth-plugin/<id>/static/<path>} in its jar), versioned
     * so browsers may cache it for a year: put it in a {@code head.assets} slot, e.g.
     * {@code <link rel="stylesheet" href="...">}.
     */
    String assetUrl(String path);

    /** A directory of the plugin's own in the data dir; it survives upgrades and is deleted with "delete data". */
    Path dataDir();
}
