package hearth.server.events;

import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.api.errors.NotFound;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.profiles.DisplayPreferences;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jooq.DSLContext;

/**
 * The event pages people read: upcoming ({@code /events}, {@code ?category=<slug>}), past ({@code /events/past}), the
 * month grid ({@code /events/month/2026-12} or {@code /events?month=2026-12}), a category's
 * ({@code /c/<slug>/events}), a member's ({@code /u/<username>/events}) and one event ({@code /events/<id>}).
 */
final class EventPages implements Routes {

    private final Database db;
    private final Pages pages;
    private final EventVisibility visibility;
    private final EventLists lists;
    private final Attendance attendance;
    private final Clock clock;

    EventPages(Database db, Pages pages, EventVisibility visibility, EventLists lists, Attendance attendance,
               Clock clock) {
        this.db = db;
        this.pages = pages;
        this.visibility = visibility;
        this.lists = lists;
        this.attendance = attendance;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/events").handler(this::upcoming);
        router.get("/events/past").handler(this::past);
        router.get("/events/month/:month").handler(ctx -> month(ctx, ctx.pathParam("month")));
        router.get("/c/:slug/events").handler(this::category);
        router.get("/u/:username/events").handler(this::member);
    }

    /** Mounted after the other /events/... pages, since its id would match their names. */
    void mountEventPage(Router router) {
        router.get("/events/:id").handler(this::event);
    }

    private void upcoming(RoutingContext ctx) {
        String month = ctx.request().getParam("month");
        if (month != null && !month.isBlank()) {
            Pages.redirect(ctx, "/events/month/" + month.strip()
                    + (ctx.request().getParam("category") == null ? "" : "?category=" + ctx.request()
                    .getParam("category")));
            return;
        }
        Optional<Viewer> viewer = Viewer.of(ctx);
        String slug = ctx.request().getParam("category");
        pages.respond(ctx, "events", db.read(sql -> {
            Map<String, Object> model = base(sql, ctx, viewer, "upcoming");
            long category = 0;
            if (slug != null && !slug.isBlank()) {
                Map<String, Object> found = lists.category(sql, viewer, slug);
                model.put("category", found);
                category = (Long) found.get("id");
            }
            model.put("events", lists.upcoming(sql, viewer, category));
            return model;
        }));
    }

    private void category(RoutingContext ctx) {
        Optional<Viewer> viewer = Viewer.of(ctx);
        pages.respond(ctx, "events", db.read(sql -> {
            Map<String, Object> model = base(sql, ctx, viewer, "upcoming");
            Map<String, Object> category = lists.category(sql, viewer, ctx.pathParam("slug"));
            model.put("category", category);
            model.put("events", lists.upcoming(sql, viewer, (Long) category.get("id")));
            return model;
        }));
    }

    private void past(RoutingContext ctx) {
        Optional<Viewer> viewer = Viewer.of(ctx);
        Instant before;
        try {
            String raw = ctx.request().getParam("before");
            before = raw == null || raw.isBlank() ? null : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new NotFound("There is no such page of past events.");
        }
        pages.respond(ctx, "events", db.read(sql -> {
            Map<String, Object> model = base(sql, ctx, viewer, "past");
            List<Event> events = lists.past(sql, viewer, before);
            model.put("events", events);
            if (events.size() == EventLists.PAGE) {
                model.put("older", "/events/past?before=" + events.getLast().startsAt());
            }
            return model;
        }));
    }

    private void month(RoutingContext ctx, String raw) {
        YearMonth month;
        try {
            month = YearMonth.parse(raw);
        } catch (DateTimeParseException e) {
            throw new NotFound("Give the month like /events/month/2026-12.");
        }
        Optional<Viewer> viewer = Viewer.of(ctx);
        String slug = ctx.request().getParam("category");
        YearMonth shown = month;
        pages.respond(ctx, "events-month", db.read(sql -> {
            Map<String, Object> model = base(sql, ctx, viewer, "month");
            long category = 0;
            if (slug != null && !slug.isBlank()) {
                Map<String, Object> found = lists.category(sql, viewer, slug);
                model.put("category", found);
                category = (Long) found.get("id");
            }
            model.put("month", shown.toString());
            model.put("monthName", shown.getMonth().getDisplayName(TextStyle.FULL,
                    Locale.ENGLISH) + " " + shown.getYear());
            model.put("previous", shown.minusMonths(1).toString());
            model.put("next", shown.plusMonths(1).toString());
            model.put("weeks", lists.month(sql, viewer, shown, DisplayPreferences.of(ctx).zone(), category));
            return model;
        }));
    }

    private void member(RoutingContext ctx) {
        Optional<Viewer> viewer = Viewer.of(ctx);
        pages.respond(ctx, "events", db.read(sql -> {
            Map<String, Object> member = EventLists.member(sql, ctx.pathParam("username"));
            Map<String, Object> model = base(sql, ctx, viewer, "member");
            model.put("member", member);
            model.put("events", lists.ofMember(sql, viewer, (Long) member.get("id")));
            return model;
        }));
    }

    private void event(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "event");
        Optional<Viewer> viewer = Viewer.of(ctx);
        pages.respond(ctx, "event", db.read(sql -> model(sql, viewer, visibility.visible(sql, viewer, id))));
    }

    /** The event page's model; also used to show it again with an error next to a form. */
    Map<String, Object> model(DSLContext sql, Optional<Viewer> viewer, Event event) {
        Instant now = clock.instant();
        Map<String, Object> model = new HashMap<>();
        model.put("event", event);
        model.put("takesAnswers", event.takesAnswers(now));
        model.put("ended", event.ended(now));
        model.put("checkInOpen", Attendance.checkInOpen(event, now));
        model.put("attendees", attendance.list(sql, viewer, event));
        if (event.rrule() != null) {
            model.put("repeats", Recurrence.parse(event.rrule()).describe());
            model.put("otherDates", EventRows.list(sql, EVENTS.SERIES_ID.eq(event.seriesId())
                    .and(EVENTS.ID.ne(event.id())).and(EVENTS.ENDS_AT.gt(now)), false, 5));
        }
        viewer.ifPresent(v -> {
            model.put("answer", Rsvps.answerOf(sql, event.id(), v.memberId()));
            if (visibility.mayChange(v, event)) {
                model.put("mayChange", true);
                if (event.ended(now)) {
                    model.put("stats", attendance.stats(sql, event.id()));
                }
            }
        });
        model.put("guestChoices", IntStream.rangeClosed(0, event.guestLimit()).boxed().toList());
        model.put("values", Map.of());
        model.put("errors", Map.of());
        return model;
    }

    private Map<String, Object> base(DSLContext sql, RoutingContext ctx, Optional<Viewer> viewer, String view) {
        Map<String, Object> model = new HashMap<>();
        model.put("view", view);
        model.put("thisMonth", YearMonth.from(clock.instant().atZone(DisplayPreferences.of(ctx).zone())).toString());
        viewer.filter(v -> !lists.hostable(sql, v).isEmpty()).ifPresent(v -> model.put("mayHost", true));
        return model;
    }
}
