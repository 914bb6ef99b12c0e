package hearth.server.events;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The forms on an event's page: answering ({@code POST /events/<id>/rsvp}), checking in ({@code POST
 * /events/<id>/check-in}: a host names the member, a member types the code) and the host's attendee export
 * ({@code GET /events/<id>/attendees.csv}).
 */
final class AttendancePages implements Routes {

    private final Database db;
    private final Pages pages;
    private final EventVisibility visibility;
    private final Rsvps rsvps;
    private final Attendance attendance;
    private final EventPages eventPages;
    private final RateLimiter answers;

    AttendancePages(Database db, Pages pages, EventVisibility visibility, Rsvps rsvps, Attendance attendance,
                    EventPages eventPages, RateLimiter answers) {
        this.db = db;
        this.pages = pages;
        this.visibility = visibility;
        this.rsvps = rsvps;
        this.attendance = attendance;
        this.eventPages = eventPages;
        this.answers = answers;
    }

    @Override
    public void mount(Router router) {
        router.post("/events/:id/rsvp").handler(this::rsvp);
        router.post("/events/:id/check-in").handler(this::checkIn);
        router.get("/events/:id/attendees.csv").handler(this::csv);
    }

    private void rsvp(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        Map<String, String> values = Map.of("status", Forms.field(ctx, "status"), "guests", Forms.field(ctx, "guests"));
        Future<?> done;
        try {
            if (!answers.tryAcquire("rsvp:" + viewer.memberId())) {
                throw new InvalidInput("status", "That is a lot of answers in a short time; wait a minute.");
            }
            done = rsvps.answer(viewer, id, values.get("status"), guests(values.get("guests")),
                    Forms.checked(ctx, "hidden"));
        } catch (InvalidInput invalid) {
            done = Future.failedFuture(invalid);
        }
        finish(ctx, viewer, id, values, done);
    }

    private void checkIn(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        String username = Forms.field(ctx, "username");
        Map<String, String> values = Map.of("username", username, "code", Forms.field(ctx, "code"));
        // Codes are short enough to say out loud, so guessing them is slowed down; hosts checking people in are not.
        if (username.isBlank() && !answers.tryAcquire("check-in:" + viewer.memberId())) {
            finish(ctx, viewer, id, values, Future.failedFuture(new InvalidInput("code",
                    "That is a lot of tries in a short time; wait a minute.")));
            return;
        }
        finish(ctx, viewer, id, values, username.isBlank() ? attendance.selfCheckIn(viewer, id, values.get("code"))
                : attendance.checkIn(viewer, id, username));
    }

    private void finish(RoutingContext ctx, Viewer viewer, long id, Map<String, String> values, Future<?> done) {
        done.onSuccess(ok -> Pages.redirect(ctx, "/events/" + id))
                .onFailure(Pages.formFailure(ctx, invalid -> db.read(sql -> eventPages.model(sql,
                                Optional.of(viewer), visibility.visible(sql, Optional.of(viewer), id)))
                        .onSuccess(model -> {
                            Map<String, Object> shown = new HashMap<>(model);
                            shown.put("values", values);
                            pages.showErrors(ctx, "event", shown, invalid);
                        })
                        .onFailure(ctx::fail)));
    }

    private void csv(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "event");
        db.read(sql -> attendance.csv(sql, viewer, visibility.visible(sql, Optional.of(viewer), id)))
                .onSuccess(csv -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"event-" + id + "-attendees.csv\"")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(csv))
                .onFailure(ctx::fail);
    }

    static int guests(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("guests", "Give the number of guests.");
        }
    }
}
