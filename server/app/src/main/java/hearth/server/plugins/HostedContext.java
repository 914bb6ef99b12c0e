package hearth.server.plugins;

import hearth.api.data.PluginTransaction;
import hearth.api.moderation.ModerationActions;
import hearth.server.moderation.PluginTx;
import hearth.api.PluginContext;
import hearth.api.access.Permissions;
import hearth.api.data.PluginDatabase;
import hearth.api.mail.MemberMail;
import hearth.api.notifications.Notifications;
import hearth.api.search.SearchSource;
import hearth.api.views.Members;
import hearth.api.views.Topics;
import hearth.api.web.Html;
import hearth.api.web.PluginTemplates;
import hearth.server.db.Database;
import hearth.server.notifications.MemberNotifications;
import hearth.server.web.Templates;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.jooq.DSLContext;

/** The core services one plugin gets, scoped to it (its tables, its templates, its data dir). */
record HostedContext(PluginManifest manifest, CoreViews views, Permissions permissions, Database db,
                     Templates siteTemplates, MemberNotifications memberNotifications, Clock clock, Path dataDir,
                     ModerationActions moderation, SearchSource searchSource, MemberMail mail)
        implements PluginContext {

    @Override
    public String pluginId() {
        return manifest.id();
    }

    @Override
    public String pluginVersion() {
        return manifest.version();
    }

    @Override
    public Members members() {
        return views;
    }

    @Override
    public Topics topics() {
        return views;
    }

    @Override
    public Notifications notifications() {
        return (memberId, kind, title, url, dedupeKey) -> {
            if (!kind.key().startsWith(manifest.id() + ".")) {
                throw new IllegalArgumentException("Plugin " + manifest.id() + " cannot send notifications of kind "
                        + kind.key() + ": declare its own with notificationKind(\"" + manifest.id() + ".…\")");
            }
            db.transaction(tx -> memberNotifications.notify(tx.sql(), memberId, kind.key(), null, title, url,
                    manifest.id() + ":" + dedupeKey));
        };
    }

    @Override
    public PluginDatabase database() {
        return new PluginDatabase() {
            @Override
            public <T> T read(Function<DSLContext, T> work) {
                return db.query(work);
            }

            @Override
            public <T> T write(Function<DSLContext, T> work) {
                return db.transaction(tx -> work.apply(tx.sql()));
            }

            @Override
            public <T> T transaction(Function<PluginTransaction, T> work) {
                return db.transaction(tx -> work.apply(new PluginTx(tx)));
            }

            @Override
            public String table(String name) {
                return manifest.tablePrefix() + name;
            }
        };
    }

    @Override
    public String assetUrl(String path) {
        return PluginAssets.url(manifest.id(), manifest.version(), path);
    }

    @Override
    public PluginTemplates templates() {
        String prefix = manifest.id() + "::";
        return (template, model) -> new Html(siteTemplates.render(
                template.contains("::") ? template : prefix + template, model));
    }
}
