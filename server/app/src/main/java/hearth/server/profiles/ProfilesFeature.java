package hearth.server.profiles;

import hearth.server.access.ContentGuards;
import hearth.server.accounts.Sessions;
import hearth.server.db.Database;
import hearth.server.discussions.Markdown;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import hearth.server.web.SiteThemes;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;

/**
 * The profiles feature, wired: profiles, the member directory, preferences, custom profile fields, their pages and
 * API. {@link #preferences()} is the service other features ask (ignored members, email frequencies);
 * {@link #displayPreferences()} runs on every request after authentication.
 */
public final class ProfilesFeature implements Routes {

    private final MemberPreferences preferences;
    private final DisplayPreferences displayPreferences;
    private final List<Routes> routes;

    public ProfilesFeature(Database db, Clock clock, Markdown markdown, Pages pages, Sessions sessions,
                           ContentGuards guards, SiteThemes siteThemes) {
        CustomFields fields = new CustomFields(clock);
        Profiles profiles = new Profiles(markdown, fields, new MemberActivity(), guards, clock);
        MemberDirectory directory = new MemberDirectory();
        this.preferences = new MemberPreferences(db, clock);
        this.displayPreferences = new DisplayPreferences(preferences);
        ProfileCaches caches = new ProfileCaches(sessions, preferences);
        this.routes = List.of(
                new ProfilePages(db, pages, profiles, fields, caches),
                new DirectoryPages(db, pages, directory),
                new PreferencesPages(db, pages, preferences, caches, siteThemes),
                new ThemeSwitch(db, preferences, caches),
                new ProfileFieldsAdminPages(db, pages, fields),
                new ProfilesApi(db, profiles, fields, directory, preferences, caches, siteThemes));
    }

    public MemberPreferences preferences() {
        return preferences;
    }

    public Handler<RoutingContext> displayPreferences() {
        return displayPreferences;
    }

    @Override
    public void mount(Router router) {
        routes.forEach(r -> r.mount(router));
    }
}
