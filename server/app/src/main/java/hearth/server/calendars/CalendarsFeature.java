package hearth.server.calendars;

import hearth.api.access.Permissions;
import hearth.server.accounts.Tokens;
import hearth.server.db.Database;
import hearth.server.discussions.CategoryGrants;
import hearth.server.discussions.Markdown;
import hearth.server.events.Events;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;

/**
 * Events in calendars: iCalendar downloads and feeds, the "add to Google Calendar" link, members' private feeds and
 * the admins' import of .ics files. Mount it before the events feature (its {@code /events/:id} would take
 * {@code /events/<id>.ics}).
 */
public final class CalendarsFeature implements Routes {

    /** What the feature needs from the rest of the site. */
    public record Needs(Vertx vertx, Database db, Clock clock, Markdown markdown, Permissions permissions,
                        CategoryGrants categories, Tokens tokens, Pages pages, URI baseUrl,
                        boolean importPrivateAddresses, Events events) {
    }

    private final CalendarRoutes calendars;
    private final MyCalendarPages mine;
    private final EventImportPages imports;

    public CalendarsFeature(Needs needs) {
        ICalendarWriter writer = new ICalendarWriter(needs.baseUrl());
        CalendarAudience audience = new CalendarAudience(needs.permissions(), needs.categories());
        this.calendars = new CalendarRoutes(needs.db(), audience, needs.permissions(), writer, needs.clock());
        this.mine = new MyCalendarPages(needs.db(), new FeedTokens(needs.tokens(), needs.clock()), needs.pages(),
                needs.baseUrl());
        EventImport eventImport = new EventImport(needs.db(), new IcsFetcher(needs.importPrivateAddresses()),
                new ImportedEventWriter(needs.events(), needs.markdown(),
                        needs.clock()), needs.clock());
        this.imports = new EventImportPages(needs.vertx(), needs.db(), eventImport, needs.pages());
    }

    @Override
    public void mount(Router router) {
        calendars.mount(router);
        mine.mount(router);
        imports.mount(router);
    }
}
