package hearth.server;

import hearth.api.events.AnnouncementChanged;
import hearth.api.events.AnswerAccepted;
import hearth.api.events.AttendeeCheckedIn;
import hearth.api.events.BadgeGranted;
import hearth.api.events.CategoryChanged;
import hearth.api.events.CategoryDeleted;
import hearth.api.events.EventCancelled;
import hearth.api.events.EventChanged;
import hearth.api.events.EventCreated;
import hearth.api.events.EventListener;
import hearth.api.events.FlagRaised;
import hearth.api.events.FlagResolved;
import hearth.api.events.LevelReached;
import hearth.api.events.MemberDeleted;
import hearth.api.events.MemberJoined;
import hearth.api.events.MemberProfileChanged;
import hearth.api.events.MemberRoleChanged;
import hearth.api.events.MemberSilenced;
import hearth.api.events.MemberStatusChanged;
import hearth.api.events.MemberSuspended;
import hearth.api.events.MemberVisited;
import hearth.api.events.MemberWarned;
import hearth.api.events.MessageSent;
import hearth.api.events.PointsAwarded;
import hearth.api.events.PostApproved;
import hearth.api.events.PostCreated;
import hearth.api.events.PostDeleted;
import hearth.api.events.PostEdited;
import hearth.api.events.PostHidden;
import hearth.api.events.PostLiked;
import hearth.api.events.PostRestored;
import hearth.api.events.RoleExpired;
import hearth.api.events.RoleGranted;
import hearth.api.events.RoleRevoked;
import hearth.api.events.RsvpChanged;
import hearth.api.events.TopicClosed;
import hearth.api.events.TopicCreated;
import hearth.api.events.TopicLocked;
import hearth.api.events.TopicMoved;
import hearth.api.events.TopicOwnerChanged;
import hearth.api.events.TopicPinned;
import hearth.api.events.TopicSplit;
import hearth.api.events.TopicTagsChanged;
import hearth.api.events.TopicUnlisted;
import hearth.api.events.TopicsMerged;
import hearth.api.events.TrustLevelChanged;
import hearth.api.events.WaitlistPromoted;
import hearth.server.access.ContentGuards;
import hearth.server.appearance.AppearanceApi;
import hearth.server.appearance.AppearancePages;
import hearth.server.appearance.BrandImages;
import hearth.server.appearance.SiteAppearance;
import hearth.server.appearance.ThemeInstaller;
import hearth.server.appearance.ThemeZip;
import hearth.server.announcements.AnnouncementBanner;
import hearth.server.announcements.AnnouncementFeature;
import hearth.server.announcements.Announcements;
import hearth.server.calendars.CalendarsFeature;
import hearth.server.access.SitePermissions;
import hearth.server.access.SignUpGuards;
import hearth.server.accounts.AccountsFeature;
import hearth.server.accounts.MemberAdmin;
import hearth.server.accounts.Members;
import hearth.server.accounts.Sessions;
import hearth.server.accounts.PostingRights;
import hearth.server.accounts.Tokens;
import hearth.server.accounts.Viewer;
import hearth.server.config.ConfigException;
import hearth.server.config.HearthConfig;
import hearth.server.config.Setting;
import hearth.server.db.Database;
import hearth.server.db.EventCodec;
import hearth.server.db.Journal;
import hearth.server.db.JournalDispatcher;
import hearth.server.db.Migrations;
import hearth.server.demo.DemoCommunity;
import hearth.server.events.DeletedMemberRsvps;
import hearth.server.events.EventPermissions;
import hearth.server.events.EventReminders;
import hearth.server.events.EventsFeature;
import hearth.server.discussions.Bookmarks;
import hearth.server.discussions.Discussions;
import hearth.server.moderation.CoreModeration;
import hearth.server.discussions.Categories;
import hearth.server.discussions.CategoryAdminPages;
import hearth.server.discussions.CategoryApi;
import hearth.server.discussions.CategoryGrants;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.discussions.Feeds;
import hearth.server.discussions.HomePage;
import hearth.server.discussions.PostPreview;
import hearth.server.discussions.PostRules;
import hearth.server.discussions.ReadState;
import hearth.server.discussions.TopicListPages;
import hearth.server.discussions.TopicLists;
import hearth.server.discussions.Markdown;
import hearth.server.discussions.TopicsFeature;
import hearth.server.live.LiveHub;
import hearth.server.live.LivePages;
import hearth.server.mail.MailSender;
import hearth.server.mentions.MentionsFeature;
import hearth.server.mentions.PostRecipients;
import hearth.server.mail.Mailer;
import hearth.server.mail.OutboxPage;
import hearth.server.messages.MessageNotifier;
import hearth.server.messages.MessagesFeature;
import hearth.server.messages.WelcomeMessages;
import hearth.server.notifications.AnswerNotifier;
import hearth.server.notifications.LikeNotifier;
import hearth.server.notifications.MemberNotifications;
import hearth.server.notifications.NotificationPages;
import hearth.server.notifications.ReplyNotifier;
import hearth.server.notifications.UnreadBadge;
import hearth.server.notifications.email.NotificationMailer;
import hearth.server.notifications.email.SiteSecret;
import hearth.server.notifications.email.UnsubscribeLinks;
import hearth.server.notifications.email.UnsubscribePages;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.BundledPlugins;
import hearth.server.plugins.Contribution;
import hearth.server.plugins.PluginAdminApi;
import hearth.server.plugins.PluginAdminPages;
import hearth.server.plugins.PluginAssets;
import hearth.server.plugins.PluginFaults;
import hearth.server.plugins.PluginHost;
import hearth.server.plugins.PluginJar;
import hearth.server.plugins.PluginPages;
import hearth.server.plugins.PluginShortcuts;
import hearth.server.plugins.RequestObservers;
import hearth.server.plugins.SlotFunction;
import hearth.server.plugins.TaskScheduler;
import hearth.server.profiles.DisplayPreferences;
import hearth.server.profiles.ProfilesFeature;
import hearth.server.search.SearchFeature;
import hearth.server.similar.SimilarTopicPages;
import hearth.server.similar.SimilarTopics;
import hearth.server.site.AdminIndex;
import hearth.server.site.SiteSettings;
import hearth.server.site.SiteSettingsPage;
import hearth.server.tags.TagAdminPages;
import hearth.server.tags.TagPages;
import hearth.server.tags.Tags;
import hearth.server.uploads.DeletedMemberUploads;
import hearth.server.uploads.UploadPages;
import hearth.server.uploads.UploadedImageSizes;
import hearth.server.uploads.UploadsFeature;
import hearth.server.watching.NotificationLevels;
import hearth.server.watching.Watching;
import hearth.server.watching.WatchingFeature;
import hearth.server.web.ApiDocument;
import hearth.server.web.Csrf;
import hearth.server.web.ClientAddresses;
import hearth.server.web.ErrorPages;
import hearth.server.web.HealthCheck;
import hearth.server.backup.ScheduledBackups;
import hearth.server.metrics.MetricsEndpoint;
import hearth.server.metrics.RequestMetrics;
import hearth.server.web.PageCache;
import hearth.server.web.Pages;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import hearth.server.web.SiteRouter;
import hearth.server.web.Templates;
import hearth.server.web.SiteThemes;
import hearth.server.web.WebServer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the running site by hand from its configuration, in dependency order, and takes it
 * down in reverse. Every dependency of every part can be followed from here.
 */
public final class Hearth {

    private static final Logger log = LoggerFactory.getLogger(Hearth.class);

    /** A journal listener to subscribe at start, under a stable id (its cursor is stored under that id). */
    public record Listener(String id, EventListener listener) {
    }

    private final Deque<Runnable> shutdown;
    private final WebServer web;
    private final int port;
    private final URI url;
    private final ActivePlugins plugins;

    private Hearth(Deque<Runnable> shutdown, WebServer web, int port, URI url, ActivePlugins plugins) {
        this.shutdown = shutdown;
        this.web = web;
        this.port = port;
        this.url = url;
        this.plugins = plugins;
    }

    /**
     * How often the background work looks for something to do.
     *
     * @param journal how the journal's listeners poll and retry
     * @param chores  between two checks for due mail and bookmark reminders
     */
    public record Timing(JournalDispatcher.Timing journal, Duration chores) {

        public static final Timing DEFAULT = new Timing(JournalDispatcher.Timing.DEFAULT, Duration.ofSeconds(5));
    }

    public static Hearth start(HearthConfig config) {
        return start(config, List.of(), Timing.DEFAULT);
    }

    /** Starts the site; on failure everything started so far is stopped again before the exception leaves. */
    public static Hearth start(HearthConfig config, List<Listener> listeners, Timing timing) {
        return start(config, listeners, timing, Clock.systemUTC());
    }

    /** Starts the site on {@code clock} (tests move it to see expiries and nightly work happen). */
    public static Hearth start(HearthConfig config, List<Listener> listeners, Timing timing, Clock clock) {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        Deque<Runnable> shutdown = new ArrayDeque<>();
        try {
            String version = Version.current();
            ClassLoader classes = Hearth.class.getClassLoader();
            Path dataDir = prepareDataDir(config.dataDir());
            SiteThemes themes = new SiteThemes(dataDir.resolve("themes"), classes, version, config.theme());

            Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                    new FileSystemOptions().setFileCacheDir(dataDir.resolve("cache").toString())));
            shutdown.push(() -> vertx.close().await());

            Database db = openDatabase(config, vertx, clock);
            shutdown.push(db::close);

            ScheduledBackups backups = new ScheduledBackups(db, config.db().isMariaDb(), dataDir, config.backups(),
                    clock);
            backups.start(vertx);
            shutdown.push(backups::close);

            Markdown markdown = new Markdown(new UploadedImageSizes(dataDir.resolve("uploads")));
            if (config.demo()) {
                new DemoCommunity(db, clock, markdown).seedIfEmpty();
            }

            JournalDispatcher dispatcher = new JournalDispatcher(db, clock, timing.journal());
            shutdown.push(dispatcher::close);
            listeners.forEach(l -> dispatcher.subscribe(l.id(), l.listener()));

            ActivePlugins plugins = new ActivePlugins();
            PluginFaults pluginFaults = new PluginFaults(clock);
            Templates templates = new Templates(themes, classes,
                    Map.of("version", version),
                    id -> plugins.active(id).map(ActivePlugins.Active::classLoader),
                    List.of(new SlotFunction(plugins, pluginFaults)));
            templates.warm(List.of("layout", "home", "error"));
            CategoryGrants categoryGrants = new CategoryGrants(db);
            categoryGrants.reload();
            long refresh = vertx.setPeriodic(CategoryGrants.REFRESH.toMillis(),
                    tick -> vertx.executeBlocking(() -> {
                        categoryGrants.reload();
                        return null;
                    }, false));
            shutdown.push(() -> vertx.cancelTimer(refresh));
            Map<String, Contribution.PermissionSpec> corePermissions = new HashMap<>(DiscussionPermissions.defaults());
            corePermissions.putAll(EventPermissions.defaults());
            SitePermissions permissions = new SitePermissions(plugins, pluginFaults, corePermissions,
                    List.of(categoryGrants));
            MemberNotifications notifications = new MemberNotifications(clock);
            NotificationLevels notificationLevels = new NotificationLevels();
            dispatcher.subscribe(ReplyNotifier.ID, new ReplyNotifier(db, new PostRecipients(notifications,
                    notificationLevels, permissions, categoryGrants, markdown, clock)));
            dispatcher.subscribe(LikeNotifier.ID, new LikeNotifier(db, notifications));
            dispatcher.subscribe(AnswerNotifier.ID, new AnswerNotifier(db, notifications));
            dispatcher.subscribe(MessageNotifier.ID, new MessageNotifier(db, notifications));
            Tokens tokens = new Tokens(new SecureRandom());
            Sessions sessions = new Sessions(db, clock, tokens);
            MemberAdmin memberAdmin = new MemberAdmin(db, new Members(clock), sessions, clock);
            CoreModeration moderation = new CoreModeration(memberAdmin, new Discussions(clock, markdown), markdown,
                    clock);
            // Before the plugins: they may queue mail (PluginContext.mail()).
            MailSender mailSender = new MailSender(db, vertx, config.smtp(), clock, MailSender.Timing.DEFAULT);
            mailSender.start();
            shutdown.push(mailSender::close);
            Mailer mailer = new Mailer(db, clock, mailSender);
            PluginHost pluginHost = new PluginHost(new PluginHost.Needs(dataDir.resolve("plugins"),
                    dataDir.resolve("plugin-data"), db, clock, dispatcher, templates, permissions, notifications,
                    moderation, mailer, config.baseUrl(), config.safeMode()), plugins, pluginFaults);
            pluginHost.start(BundledPlugins.extract(classes, dataDir.resolve("tmp/bundled-plugins")));
            shutdown.push(pluginHost::close);
            TaskScheduler tasks = new TaskScheduler(db, plugins, pluginFaults, clock, TaskScheduler.DEFAULT_TICK);
            tasks.start();
            shutdown.push(tasks::close);
            RequestObservers observers = new RequestObservers(plugins, pluginFaults, clock);
            observers.start();
            shutdown.push(observers::close);
            ExecutorService pluginHandlers = Executors.newVirtualThreadPerTaskExecutor();
            shutdown.push(pluginHandlers::close);

            Announcements announcements = new Announcements(db, markdown, clock);
            announcements.reload();
            long announcementRefresh = vertx.setPeriodic(Announcements.REFRESH.toMillis(),
                    tick -> vertx.executeBlocking(() -> {
                        announcements.reload();
                        return null;
                    }, false));
            shutdown.push(() -> vertx.cancelTimer(announcementRefresh));

            boolean https = "https".equals(config.baseUrl().getScheme());
            PageCache sharedPages = new PageCache(clock, ctx -> Viewer.of(ctx).isPresent());
            SiteSettings settings = new SiteSettings(db, clock);
            BrandImages brandImages = new BrandImages(dataDir.resolve("appearance"));
            SiteAppearance appearance = new SiteAppearance(settings, themes, templates, brandImages);
            ThemeInstaller themeInstaller = new ThemeInstaller(themes, dataDir.resolve("tmp/themes"));
            long appearanceRefresh = vertx.setPeriodic(SiteAppearance.REFRESH.toMillis(),
                    tick -> vertx.executeBlocking(() -> {
                        appearance.refresh();
                        return null;
                    }, false));
            shutdown.push(() -> vertx.cancelTimer(appearanceRefresh));
            dispatcher.follow(PageCache.ID, sharedPages);
            Pages pages = new Pages(templates, ctx -> {
                Map<String, Object> globals = new HashMap<>();
                globals.put("csrf", Csrf.token(ctx));
                globals.put("path", ctx.normalizedPath());
                Viewer.of(ctx).ifPresent(viewer -> globals.put("viewer", viewer));
                globals.putAll(DisplayPreferences.globals(ctx)); // profiles: theme and time zone
                // The theme is part of the page globals, so the shared-page cache keeps each theme's pages apart.
                globals.put(Templates.THEME, themes.forViewer(DisplayPreferences.of(ctx).siteTheme()));
                globals.put("appearance", appearance.current());
                globals.putAll(UnreadBadge.globals(ctx));
                globals.putAll(AnnouncementBanner.globals(ctx));
                return globals;
            }, sharedPages);

            // Each password hash takes ~19 MiB and a core for ~50 ms: run at most one per core, off the event loop.
            WorkerExecutor hashing = vertx.createSharedWorkerExecutor("hearth-passwords",
                    Runtime.getRuntime().availableProcessors());
            shutdown.push(hashing::close);
            AccountsFeature accounts = new AccountsFeature(new AccountsFeature.Needs(vertx, db, clock, tokens, mailer,
                    settings, pages, config.baseUrl(), dataDir.resolve("uploads/avatars"), hashing, sessions, memberAdmin,
                    new SignUpGuards(plugins, pluginFaults)));
            ContentGuards contentGuards = new ContentGuards(plugins, pluginFaults);
            ProfilesFeature profiles = new ProfilesFeature(db, clock, markdown, pages, accounts.sessions(),
                    contentGuards, themes);

            WorkerExecutor imaging = vertx.createSharedWorkerExecutor("hearth-images", 1);
            shutdown.push(imaging::close);
            UploadsFeature uploads = new UploadsFeature(db, imaging, new PostingRights(settings), pages,
                    dataDir.resolve("uploads"), clock);
            dispatcher.subscribe(DeletedMemberUploads.ID, uploads.deletedMembers());

            Categories categories = new Categories(clock, categoryGrants);
            TopicLists topicLists = new TopicLists(clock);
            ReadState readState = new ReadState(db, clock);
            Bookmarks bookmarks = new Bookmarks(db, permissions, notifications, clock);
            long reminders = vertx.setPeriodic(timing.chores().toMillis(),
                    tick -> vertx.executeBlocking(bookmarks::sendDueReminders, false));
            shutdown.push(() -> vertx.cancelTimer(reminders));
            UnsubscribeLinks unsubscribe = new UnsubscribeLinks(SiteSecret.load(db, UnsubscribeLinks.SECRET, clock),
                    config.baseUrl());
            NotificationMailer notificationMail = new NotificationMailer(db, clock, mailer, profiles.preferences(),
                    settings, permissions, unsubscribe, config.baseUrl(), "Hearth");
            long mailing = vertx.setPeriodic(timing.chores().toMillis(),
                    tick -> vertx.executeBlocking(() -> {
                        notificationMail.runDue();
                        return null;
                    }, false));
            shutdown.push(() -> vertx.cancelTimer(mailing));
            Tags tags = new Tags(db, settings, permissions, clock, new RateLimiter(30, Duration.ofMinutes(10), clock));
            LiveHub live = new LiveHub(vertx, db, permissions, notifications, templates, LiveHub.Limits.DEFAULT);
            live.start(dispatcher);
            TopicsFeature topics = new TopicsFeature(db, clock, markdown, permissions, new PostingRights(settings),
                    contentGuards, pages, readState, bookmarks, tags);
            // Every node looks; publishing claims each topic under its row lock, so one node publishes it.
            long publishing = vertx.setPeriodic(Duration.ofSeconds(1).toMillis(),
                    tick -> vertx.executeBlocking(topics.scheduled()::publishDue, false));
            shutdown.push(() -> vertx.cancelTimer(publishing));
            MessagesFeature messages = new MessagesFeature(db, clock, markdown, new PostingRights(settings), settings,
                    pages);
            dispatcher.subscribe(WelcomeMessages.ID, messages.welcome());
            EventsFeature events = new EventsFeature(new EventsFeature.Needs(db, clock, markdown, permissions,
                    categoryGrants, notifications, mailer, settings, pages, config.baseUrl()));
            dispatcher.subscribe(DeletedMemberRsvps.ID, events.deletedMembers());
            long eventChores = vertx.setPeriodic(EventReminders.EVERY.toMillis(),
                    tick -> vertx.executeBlocking(() -> {
                        events.runDue();
                        return null;
                    }, false));
            shutdown.push(() -> vertx.cancelTimer(eventChores));
            List<Routes> features = List.of(
                    new HomePage(db, pages, permissions, categoryGrants, topicLists, readState),
                    new TopicListPages(db, pages, permissions, categoryGrants, topicLists, readState),
                    new Feeds(db, permissions, categoryGrants, config.baseUrl(), "Hearth"),
                    new NotificationPages(db, notifications, pages),
                    new UnsubscribePages(db, pages, unsubscribe, profiles.preferences(), clock),
                    new CategoryAdminPages(db, categories, pages),
                    new CategoryApi(db, categories, permissions),
                    // Before the topics: /api/v1/topics/similar is not a topic id.
                    new SimilarTopicPages(db, pages, permissions, categoryGrants, new SimilarTopics(),
                            new RateLimiter(60, Duration.ofMinutes(1), clock)),
                    new TagPages(db, pages, permissions, categoryGrants, tags),
                    new TagAdminPages(db, pages, permissions, categoryGrants, tags),
                    topics,
                    messages,
                    new AnnouncementFeature(db, announcements, pages),
                    // Before the events feature: its /events/:id would take /events/<id>.ics.
                    new CalendarsFeature(new CalendarsFeature.Needs(vertx, db, clock, markdown, permissions,
                            categoryGrants, tokens, pages, config.baseUrl(), config.importPrivateAddresses(),
                            events.events())),
                    events,
                    accounts,
                    new MentionsFeature(db, clock), // before profiles: /api/v1/members/autocomplete is no username
                    profiles,
                    new SearchFeature(db, plugins, pluginFaults, pages, clock),
                    new SiteSettingsPage(settings, pages),
                    new AppearancePages(appearance, themes, themeInstaller, pages),
                    new AppearanceApi(appearance, themes, themeInstaller),
                    brandImages,
                    new AdminIndex(pages, plugins),
                    new PluginAdminPages(pluginHost, tasks, pages),
                    new PluginAdminApi(pluginHost),
                    new PluginPages(plugins, pluginFaults, pages, pluginHandlers),
                    new PluginAssets(plugins),
                    new OutboxPage(mailer, pages, mailSender.configured()),
                    new ApiDocument(),
                    new LivePages(db, pages, permissions, live),
                    uploads,
                    new PostPreview(markdown, new PostRules(clock),
                            new RateLimiter(PostPreview.PER_MINUTE, Duration.ofMinutes(1), clock)),
                    new WatchingFeature(db, new Watching(db, notificationLevels, permissions, clock),
                            notificationLevels, pages),
                    new PluginShortcuts(plugins)); // last: the core's own addresses win
            List<Handler<RoutingContext>> perRequest = new ArrayList<>();
            BodyHandler bodies = BodyHandler.create(dataDir.resolve("tmp/uploads").toString())
                    .setBodyLimit(3 * 1024 * 1024).setDeleteUploadedFilesOnEnd(true);
            // Plugin jars are the one upload allowed to be large.
            BodyHandler pluginJars = BodyHandler.create(dataDir.resolve("tmp/uploads").toString())
                    .setBodyLimit(PluginJar.MAX_BYTES + 64 * 1024).setDeleteUploadedFilesOnEnd(true);
            BodyHandler images = BodyHandler.create(dataDir.resolve("tmp/uploads").toString())
                    .setBodyLimit(UploadPages.maxRequestBytes()).setDeleteUploadedFilesOnEnd(true);
            BodyHandler themeZips = BodyHandler.create(dataDir.resolve("tmp/uploads").toString())
                    .setBodyLimit(ThemeZip.MAX_BYTES + 64 * 1024).setDeleteUploadedFilesOnEnd(true);
            perRequest.add(ctx -> (PluginJar.isUploadPath(ctx.normalizedPath()) ? pluginJars
                    : ThemeInstaller.isUploadPath(ctx.normalizedPath()) ? themeZips
                    : UploadPages.isUploadPath(ctx.normalizedPath()) ? images : bodies).handle(ctx));
            perRequest.add(new Csrf(tokens::next, https));
            perRequest.add(sharedPages::forgetAfterChanges);
            perRequest.addAll(accounts.requestHandlers());
            perRequest.add(profiles.displayPreferences());
            perRequest.add(new UnreadBadge(db, notifications));
            perRequest.add(new AnnouncementBanner(db, announcements));
            RequestMetrics requestMetrics = new RequestMetrics();
            Optional<Handler<RoutingContext>> metrics = config.metricsToken().isEmpty() ? Optional.empty()
                    : Optional.of(new MetricsEndpoint(config.metricsToken(), requestMetrics, db, dispatcher, version));
            SiteRouter router = new SiteRouter(themes, new ErrorPages(pages), new HealthCheck(db, dispatcher, version),
                    metrics, perRequest, features, requestIds(), classes, clock,
                    (ctx, arrived) -> {
                        requestMetrics.record(ctx);
                        observers.finished(ctx, arrived, Viewer.of(ctx).map(Viewer::memberId));
                    }, ClientAddresses.trusting(config.trustedProxies()));
            WebServer web = new WebServer(vertx, config.host(), config.port(), config.shutdownTimeout(), router,
                    Runtime.getRuntime().availableProcessors());
            int port = web.start();
            shutdown.push(web::stop);
            shutdown.push(live::close); // first: open streams would otherwise hold the server's shutdown up

            URI url = config.port() == 0 && config.baseUrl().getPort() < 0 && "localhost".equals(config.baseUrl().getHost())
                    ? URI.create("http://localhost:" + port) : config.baseUrl();
            return new Hearth(shutdown, web, port, url, plugins);
        } catch (RuntimeException e) {
            runAll(shutdown);
            throw e;
        }
    }

    /** Connects to the configured database and brings its schema up to date; shared by the server and commands. */
    public static Database openDatabase(HearthConfig config, Vertx vertx, Clock clock) {
        EventCodec events = new EventCodec().register(MemberJoined.class, TopicCreated.class, PostCreated.class)
                .register(MemberDeleted.class, MemberRoleChanged.class, MemberStatusChanged.class)
                .register(CategoryChanged.class, CategoryDeleted.class, TopicPinned.class, TopicClosed.class)
                .register(PostLiked.class)
                .register(PostEdited.class, PostDeleted.class, PostRestored.class, TopicLocked.class)
                .register(TopicTagsChanged.class, AnswerAccepted.class)
                .register(MessageSent.class, AnnouncementChanged.class)
                .register(EventCreated.class, EventChanged.class, EventCancelled.class, RsvpChanged.class)
                .register(WaitlistPromoted.class, AttendeeCheckedIn.class)
                .register(PostHidden.class, PostApproved.class, FlagRaised.class, FlagResolved.class)
                .register(MemberWarned.class, MemberSilenced.class, MemberSuspended.class)
                .register(TopicMoved.class, TopicUnlisted.class, TopicsMerged.class, TopicSplit.class,
                        TopicOwnerChanged.class)
                .register(RoleGranted.class, RoleRevoked.class, RoleExpired.class, TrustLevelChanged.class)
                .register(MemberProfileChanged.class)
                .register(PointsAwarded.class, BadgeGranted.class, LevelReached.class, MemberVisited.class);
        Database db = Database.open(config.db(), vertx, new Journal(events, clock));
        try {
            int applied = new Migrations("schema_history",
                    Migrations.fromClasspath(Hearth.class.getClassLoader(), "db/migration"), db.dialect(), clock)
                    .apply(db.dataSource());
            log.info("Database ready ({}, {} migration(s) applied)", db.dialect().getName(), applied);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** Every HTTP route as "METHOD /path". */
    public List<String> routes() {
        return web.routes();
    }

    /** The plugins running now (for diagnostics and tests). */
    public ActivePlugins plugins() {
        return plugins;
    }

    /** Where people reach the site. */
    public URI url() {
        return url;
    }

    /** Stops gracefully: no new requests, in-flight ones finish, listeners pause, the pool closes. Idempotent. */
    public synchronized void stop() {
        runAll(shutdown);
    }

    private static void runAll(Deque<Runnable> steps) {
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (RuntimeException e) {
                log.warn("Shutdown step failed: {}", e.toString());
            }
        }
    }

    private static Path prepareDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException(Setting.DATA_DIR, "Cannot create the data dir " + dataDir + ": " + e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new ConfigException(Setting.DATA_DIR, "The data dir " + dataDir + " is not writable");
        }
        return dataDir;
    }

    private static Supplier<String> requestIds() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[6];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }
}
