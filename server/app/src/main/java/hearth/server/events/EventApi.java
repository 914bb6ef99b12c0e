package hearth.server.events;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.profiles.DisplayPreferences;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Events in JSON under {@code /api/v1/events}: list ({@code ?category=<slug>}, {@code ?past=true},
 * {@code ?month=2026-12}), create, read, change ({@code PATCH}, {@code "scope": "series"} for the whole series),
 * cancel ({@code DELETE}, {@code ?scope=series}), answer ({@code PUT .../rsvp}), attendees and check-in.
 */
final class EventApi implements Routes {

    private final Database db;
    private final Events events;
    private final EventVisibility visibility;
    private final EventLists lists;
    private final Rsvps rsvps;
    private final Attendance attendance;
    private final RateLimiter answers;
    private final Clock clock;

    EventApi(Database db, Events events, EventVisibility visibility, EventLists lists, Rsvps rsvps,
             Attendance attendance, RateLimiter answers, Clock clock) {
        this.db = db;
        this.events = events;
        this.visibility = visibility;
        this.lists = lists;
        this.rsvps = rsvps;
        this.attendance = attendance;
        this.answers = answers;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/events").handler(this::list);
        router.post("/api/v1/events").handler(this::create);
        router.get("/api/v1/events/:id").handler(this::read);
        router.patch("/api/v1/events/:id").handler(this::change);
        router.delete("/api/v1/events/:id").handler(this::cancel);
        router.put("/api/v1/events/:id/rsvp").handler(this::rsvp);
        router.get("/api/v1/events/:id/attendees").handler(this::attendees);
        router.post("/api/v1/events/:id/check-in").handler(this::checkIn);
    }

    private void list(RoutingContext ctx) {
        Optional<Viewer> viewer = Viewer.of(ctx);
        String slug = ctx.request().getParam("category");
        String month = ctx.request().getParam("month");
        boolean past = "true".equals(ctx.request().getParam("past"));
        Json.respond(ctx, 200, db.read(sql -> {
            long category = slug == null || slug.isBlank() ? 0 : (Long) lists.category(sql, viewer, slug).get("id");
            List<Event> found;
            if (month != null) {
                YearMonth shown;
                try {
                    shown = YearMonth.parse(month);
                } catch (DateTimeParseException e) {
                    throw new InvalidInput("month", "Give the month like 2026-12.");
                }
                found = lists.month(sql, viewer, shown, DisplayPreferences.of(ctx).zone(), category).stream()
                        .flatMap(List::stream).filter(EventLists.Day::inMonth).flatMap(d -> d.events().stream())
                        .toList();
            } else {
                found = past ? lists.past(sql, viewer, null) : lists.upcoming(sql, viewer, category);
            }
            JsonArray list = new JsonArray();
            found.forEach(e -> list.add(json(e, false)));
            return new JsonObject().put("events", list);
        }));
    }

    private void create(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Map<String, String> fields = fields(Json.body(ctx), new HashMap<>());
        Json.respond(ctx, 201, db.read(sql -> EventForm.parse(sql, fields, DisplayPreferences.of(ctx).zone(),
                        EventLists.ids(lists.hostableOrRefuse(sql, viewer))))
                .compose(draft -> events.create(draft, viewer.memberId()))
                .compose(id -> db.read(sql -> full(sql, Optional.of(viewer), id))));
    }

    private void read(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "event");
        Json.respond(ctx, 200, db.read(sql -> full(sql, Viewer.of(ctx), id)));
    }

    private void change(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        JsonObject body = Json.body(ctx);
        boolean series = "series".equals(Json.string(body, "scope"));
        Json.respond(ctx, 200, db.read(sql -> {
                    Event event = events.changeable(sql, viewer, id);
                    Map<String, String> fields = fields(body,
                            new HashMap<>(EventForm.values(event, EventRows.invitees(sql, id))));
                    Map<String, Long> ids = EventLists.ids(lists.hostable(sql, viewer));
                    ids.put(String.valueOf(event.categoryId()), event.categoryId());
                    return EventForm.parse(sql, fields, event.zone(), ids);
                })
                .compose(draft -> events.update(viewer, id, draft, series))
                .compose(done -> db.read(sql -> full(sql, Optional.of(viewer), id))));
    }

    private void cancel(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        Json.respond(ctx, 200, events.cancel(viewer, id, "series".equals(ctx.request().getParam("scope")))
                .compose(done -> db.read(sql -> full(sql, Optional.of(viewer), id))));
    }

    private void rsvp(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        JsonObject body = Json.body(ctx);
        if (!answers.tryAcquire("rsvp:" + viewer.memberId())) {
            throw new InvalidInput("status", "That is a lot of answers in a short time; wait a minute.");
        }
        Object guests = body.getValue("guests", 0);
        if (!(guests instanceof Number number)) {
            throw new InvalidInput("guests", "Give guests as a number.");
        }
        Json.respond(ctx, 200, rsvps.answer(viewer, id, Json.string(body, "status"), number.intValue(),
                body.getValue("hidden") instanceof Boolean hidden ? hidden : null).map(EventApi::json));
    }

    private void attendees(RoutingContext ctx) {
        long id = Forms.pathId(ctx, "id", "event");
        Optional<Viewer> viewer = Viewer.of(ctx);
        Json.respond(ctx, 200, db.read(sql -> {
            Event event = visibility.visible(sql, viewer, id);
            JsonArray list = new JsonArray();
            attendance.list(sql, viewer, event).forEach(a -> list.add(new JsonObject()
                    .put("username", a.username()).put("displayName", a.displayName()).put("status", a.status())
                    .put("guests", a.guests()).put("hidden", a.hidden())
                    .put("checkedInAt", a.checkedInAt() == null ? null : a.checkedInAt().toString())
                    .put("noShow", a.noShow())));
            JsonObject result = new JsonObject().put("attendees", list);
            if (viewer.filter(v -> visibility.mayChange(v, event)).isPresent() && event.ended(clock.instant())) {
                Attendance.Stats stats = attendance.stats(sql, id);
                result.put("stats", new JsonObject().put("going", stats.going()).put("checkedIn", stats.checkedIn())
                        .put("noShows", stats.noShows()).put("attendanceRate", stats.ratePercent()));
            }
            return result;
        }));
    }

    private void checkIn(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        JsonObject body = Json.body(ctx);
        String username = Json.string(body, "username");
        // Codes are short enough to say out loud, so guessing them is slowed down; hosts checking people in are not.
        if (username.isBlank() && !answers.tryAcquire("check-in:" + viewer.memberId())) {
            throw new InvalidInput("code", "That is a lot of tries in a short time; wait a minute.");
        }
        Json.respond(ctx, 200, (username.isBlank() ? attendance.selfCheckIn(viewer, id, Json.string(body, "code"))
                : attendance.checkIn(viewer, id, username))
                .compose(done -> db.read(sql -> full(sql, Optional.of(viewer), id))));
    }

    private JsonObject full(DSLContext sql, Optional<Viewer> viewer, long id) {
        Event event = visibility.visible(sql, viewer, id);
        boolean host = viewer.filter(v -> visibility.mayChange(v, event)).isPresent();
        JsonObject json = json(event, host);
        viewer.ifPresent(v -> json.put("myRsvp", json(Rsvps.answerOf(sql, id, v.memberId()))));
        if (host) {
            json.put("invitees", new JsonArray(EventRows.invitees(sql, id)));
        }
        return json;
    }

    static JsonObject json(Event e, boolean host) {
        JsonObject json = new JsonObject()
                .put("id", e.id()).put("url", e.path()).put("title", e.title())
                .put("description", e.descriptionMarkdown()).put("descriptionHtml", e.descriptionHtml())
                .put("startsAt", e.startsAt().toString()).put("endsAt", e.endsAt().toString())
                .put("timeZone", e.zone().getId()).put("allDay", e.allDay())
                .put("onlineUrl", e.onlineUrl()).put("venue", e.venue())
                .put("capacity", e.capacity()).put("seatsTaken", e.seatsTaken()).put("guestLimit", e.guestLimit())
                .put("rsvpDeadline", e.rsvpDeadline() == null ? null : e.rsvpDeadline().toString())
                .put("coverUrl", e.coverUrl()).put("visibility", e.visibility().key()).put("status", e.status())
                .put("category", new JsonObject().put("id", e.categoryId()).put("name", e.categoryName())
                        .put("slug", e.categorySlug()))
                .put("host", new JsonObject().put("username", e.hostUsername()).put("displayName", e.hostName()))
                .put("topicUrl", e.topicPath()).put("sequence", e.sequence())
                .put("seriesId", e.seriesId() == 0 ? null : e.seriesId()).put("rrule", e.rrule())
                .put("detached", e.detached());
        if (host) {
            json.put("checkInCode", e.checkInCode());
        }
        return json;
    }

    static JsonObject json(Rsvps.Answer a) {
        return new JsonObject().put("status", a.status()).put("guests", a.guests()).put("hidden", a.hidden())
                .put("waitlistPosition", a.waitlistPosition()).put("checkedIn", a.checkedIn());
    }

    /** The body's fields as the form's text values, over {@code base} (a PATCH keeps what it does not name). */
    private static Map<String, String> fields(JsonObject body, Map<String, String> base) {
        for (String name : EventForm.FIELDS) {
            if (!body.containsKey(name)) {
                continue;
            }
            Object value = body.getValue(name);
            String text = switch (value) {
                case null -> "";
                case Boolean yes -> yes ? "yes" : "";
                case JsonArray list -> list.stream().map(String::valueOf).collect(Collectors.joining(","));
                default -> String.valueOf(value);
            };
            base.put(name, text);
        }
        if (!body.containsKey("category") && body.getValue("categoryId") != null) {
            base.put("category", String.valueOf(body.getValue("categoryId")));
        }
        return base;
    }

}
