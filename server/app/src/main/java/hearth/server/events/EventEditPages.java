package hearth.server.events;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.profiles.DisplayPreferences;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's forms: a new event at {@code /events/new}, editing at {@code /events/<id>/edit} (this occurrence or the
 * whole series) and cancelling with {@code POST /events/<id>/cancel}.
 */
final class EventEditPages implements Routes {

    private final Database db;
    private final Pages pages;
    private final Events events;
    private final EventLists lists;

    EventEditPages(Database db, Pages pages, Events events, EventLists lists) {
        this.db = db;
        this.pages = pages;
        this.events = events;
        this.lists = lists;
    }

    @Override
    public void mount(Router router) {
        router.get("/events/new").handler(this::newForm);
        router.post("/events/new").handler(this::create);
        router.get("/events/:id/edit").handler(this::editForm);
        router.post("/events/:id/edit").handler(this::update);
        router.post("/events/:id/cancel").handler(this::cancel);
    }

    private void newForm(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Map<String, String> values = new HashMap<>();
        values.put("timeZone", DisplayPreferences.of(ctx).zone().getId());
        values.put("guestLimit", "0");
        String category = ctx.request().getParam("category");
        pages.respond(ctx, "event-form", db.read(sql -> {
            List<Map<String, Object>> categories = lists.hostableOrRefuse(sql, viewer);
            categories.stream().filter(c -> c.get("slug").equals(category)).findFirst()
                    .ifPresent(c -> values.put("category", (String) c.get("value")));
            return form(categories, values, null);
        }));
    }

    private void create(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Map<String, String> values = fields(ctx);
        ZoneId zone = DisplayPreferences.of(ctx).zone();
        db.read(sql -> {
                    List<Map<String, Object>> categories = lists.hostableOrRefuse(sql, viewer);
                    return EventForm.parse(sql, values, zone, EventLists.ids(categories));
                })
                .compose(draft -> events.create(draft, viewer.memberId()))
                .onSuccess(id -> Pages.redirect(ctx, "/events/" + id))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, viewer, values, null, invalid)));
    }

    private void editForm(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        pages.respond(ctx, "event-form", db.read(sql -> {
            Event event = events.changeable(sql, viewer, id);
            return form(lists.hostable(sql, viewer), EventForm.values(event, EventRows.invitees(sql, id)), event);
        }));
    }

    private void update(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        Map<String, String> values = fields(ctx);
        boolean series = "series".equals(Forms.field(ctx, "scope"));
        ZoneId zone = DisplayPreferences.of(ctx).zone();
        db.read(sql -> {
                    Event event = events.changeable(sql, viewer, id);
                    Map<String, Long> ids = EventLists.ids(lists.hostable(sql, viewer));
                    ids.put(String.valueOf(event.categoryId()), event.categoryId()); // a manager may keep it there
                    return EventForm.parse(sql, values, zone, ids);
                })
                .compose(draft -> events.update(viewer, id, draft, series))
                .onSuccess(done -> Pages.redirect(ctx, "/events/" + id))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, viewer, values, id, invalid)));
    }

    private void cancel(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        events.cancel(viewer, id, "series".equals(Forms.field(ctx, "scope")))
                .onSuccess(done -> Pages.redirect(ctx, "/events/" + id))
                .onFailure(ctx::fail);
    }

    private void showAgain(RoutingContext ctx, Viewer viewer, Map<String, String> values, Long id,
                           InvalidInput invalid) {
        db.read(sql -> form(lists.hostable(sql, viewer), values,
                        id == null ? null : events.changeable(sql, viewer, id)))
                .onSuccess(model -> pages.showErrors(ctx, "event-form", model, invalid))
                .onFailure(ctx::fail);
    }


    private static Map<String, Object> form(List<Map<String, Object>> categories, Map<String, String> values,
                                            Event event) {
        Map<String, Object> model = new HashMap<>();
        model.put("categories", categories);
        model.put("values", values);
        model.put("errors", Map.of());
        model.put("weekdays", EventForm.WEEKDAYS);
        if (event != null) {
            model.put("event", event);
        }
        return model;
    }


    private static Map<String, String> fields(RoutingContext ctx) {
        Map<String, String> values = new HashMap<>();
        for (String name : EventForm.FIELDS) {
            values.put(name, Forms.field(ctx, name));
        }
        // Weekday checkboxes arrive as repeated repeatDays fields.
        values.put("repeatDays", String.join(",", ctx.request().formAttributes().getAll("repeatDays")));
        return values;
    }
}
