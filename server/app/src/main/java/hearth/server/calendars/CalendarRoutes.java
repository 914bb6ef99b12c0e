package hearth.server.calendars;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.server.accounts.MemberViews;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Events as iCalendar: {@code /events/<id>.ics} (one event, for whoever may see it), {@code /events/<id>/google-calendar}
 * (a redirect to Google's "add event" form), the public feeds {@code /events/calendar.ics} and
 * {@code /c/<slug>/calendar.ics} (what a visitor may see: calendar apps subscribe without cookies), and a member's own
 * {@code /calendar/<token>.ics}. Feeds start {@link #PAST} ago, so a just-finished event stays in calendars a while.
 * Mount before the events feature's {@code /events/:id}, which would otherwise take these paths.
 */
public final class CalendarRoutes implements Routes {

    static final Duration PAST = Duration.ofDays(30);
    private static final String CONTENT_TYPE = "text/calendar; charset=utf-8";

    private final Database db;
    private final CalendarAudience audience;
    private final Permissions permissions;
    private final ICalendarWriter writer;
    private final Clock clock;

    public CalendarRoutes(Database db, CalendarAudience audience, Permissions permissions, ICalendarWriter writer,
                          Clock clock) {
        this.db = db;
        this.audience = audience;
        this.permissions = permissions;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/events/calendar.ics").handler(this::everything);
        router.getWithRegex("/events/(?<id>[0-9]{1,18})\\.ics").handler(this::one);
        router.getWithRegex("/events/(?<id>[0-9]{1,18})/google-calendar").handler(this::google);
        router.get("/c/:slug/calendar.ics").handler(this::category);
        router.getWithRegex("/calendar/(?<token>[A-Za-z0-9_-]{20,100})\\.ics").handler(this::mine);
    }

    private void one(RoutingContext ctx) {
        Optional<MemberView> viewer = viewer(ctx);
        long id = Long.parseLong(ctx.pathParam("id"));
        db.read(sql -> visible(sql, viewer, id)).onSuccess(event -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                        .putHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"event-" + id + ".ics\"")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                        .end(writer.write(event.title(), List.of(event), ICalendarWriter.Series.SEPARATE)))
                .onFailure(ctx::fail);
    }

    private void google(RoutingContext ctx) {
        Optional<MemberView> viewer = viewer(ctx);
        long id = Long.parseLong(ctx.pathParam("id"));
        db.read(sql -> visible(sql, viewer, id)).onSuccess(event -> ctx.response().setStatusCode(302)
                        .putHeader(HttpHeaders.LOCATION, GoogleCalendarLink.of(event, writer.page(id)))
                        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache").end())
                .onFailure(ctx::fail);
    }

    private CalendarEvent visible(DSLContext sql, Optional<MemberView> viewer, long id) {
        return CalendarEvents.find(sql, id).filter(event -> audience.sees(sql, viewer, event))
                .orElseThrow(() -> new NotFound("There is no such event."));
    }

    private void everything(RoutingContext ctx) {
        Instant since = clock.instant().minus(PAST);
        send(ctx, "public, max-age=300", db.read(sql -> writer.write("Events", CalendarEvents.list(sql,
                audience.condition(sql, Optional.empty()), since), ICalendarWriter.Series.COMBINED)));
    }

    private void category(RoutingContext ctx) {
        String slug = ctx.pathParam("slug");
        Instant since = clock.instant().minus(PAST);
        send(ctx, "public, max-age=300", db.read(sql -> {
            var category = sql.select(CATEGORIES.ID, CATEGORIES.NAME).from(CATEGORIES).where(CATEGORIES.SLUG.eq(slug))
                    .fetchOptional()
                    .filter(c -> permissions.allows(Optional.empty(), DiscussionPermissions.SEE,
                            Scope.category(c.value1())))
                    .orElseThrow(() -> new NotFound("There is no such category."));
            return writer.write(category.value2() + " events", CalendarEvents.list(sql,
                    audience.condition(sql, Optional.empty()).and(EVENTS.CATEGORY_ID.eq(category.value1())), since),
                    ICalendarWriter.Series.COMBINED);
        }));
    }

    /** A member's own events, as they may see them now (access lost since they answered is access lost). */
    private void mine(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        Instant since = clock.instant().minus(PAST);
        send(ctx, "private, no-cache", db.read(sql -> {
            MemberView member = FeedTokens.owner(sql, token)
                    .flatMap(id -> MemberViews.find(sql, MEMBERS.ID.eq(id),
                            clock.instant()))
                    .orElseThrow(() -> new NotFound("There is no such calendar."));
            return writer.write("My events", CalendarEvents.list(sql, audience.condition(sql, Optional.of(member))
                    .and(CalendarEvents.ownedBy(member.id())), since), ICalendarWriter.Series.SEPARATE);
        }));
    }

    private static void send(RoutingContext ctx, String caching, Future<String> calendar) {
        calendar.onSuccess(text -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                        .putHeader(HttpHeaders.CACHE_CONTROL, caching)
                        .end(text))
                .onFailure(ctx::fail);
    }

    private static Optional<MemberView> viewer(RoutingContext ctx) {
        return Viewer.of(ctx).map(Viewer::asMemberView);
    }
}
