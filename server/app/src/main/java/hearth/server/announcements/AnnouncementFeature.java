package hearth.server.announcements;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.profiles.DisplayPreferences;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The announcement banner's pages and API: the admin form at {@code /admin/announcement}, {@code GET} and (admins)
 * {@code PUT /api/v1/announcement}, and {@code POST /announcement/dismiss} that hides the banner for the member or,
 * by cookie, the visitor.
 */
public final class AnnouncementFeature implements Routes {

    private static final String REFUSAL = "Only admins can change the announcement.";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final Database db;
    private final Announcements announcements;
    private final Pages pages;

    public AnnouncementFeature(Database db, Announcements announcements, Pages pages) {
        this.db = db;
        this.announcements = announcements;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/announcement").handler(this::form);
        router.post("/admin/announcement").handler(this::save);
        router.post("/announcement/dismiss").handler(this::dismiss);
        router.get("/api/v1/announcement").handler(this::read);
        router.put("/api/v1/announcement").handler(this::put);
    }

    private void form(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, REFUSAL);
        Announcement current = announcements.current();
        Map<String, Object> values = new HashMap<>();
        values.put("body", current.markdown());
        values.put("audience", current.audience().key());
        values.put("endsAt", current.endsAt() == null ? ""
                : LocalDateTime.ofInstant(current.endsAt(), zone(ctx)).format(LOCAL));
        values.put("enabled", current.enabled());
        boolean saved = "1".equals(ctx.request().getParam("saved"));
        pages.show(ctx, 200, "admin-announcement", Map.of("values", values, "errors", Map.of(), "saved", saved));
    }

    private void save(RoutingContext ctx) {
        Viewer admin = Viewer.requiredAdmin(ctx, REFUSAL);
        Map<String, Object> values = new HashMap<>();
        for (String name : new String[] {"body", "audience", "endsAt"}) {
            values.put(name, Forms.field(ctx, name));
        }
        boolean enabled = Forms.checked(ctx, "enabled");
        values.put("enabled", enabled);
        try {
            Instant endsAt = localTime((String) values.get("endsAt"), zone(ctx));
            announcements.save(admin, (String) values.get("body"), (String) values.get("audience"), endsAt, enabled)
                    .onSuccess(done -> Pages.redirect(ctx, "/admin/announcement?saved=1"))
                    .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, values, invalid)));
        } catch (InvalidInput invalid) {
            showAgain(ctx, values, invalid);
        }
    }

    private void showAgain(RoutingContext ctx, Map<String, Object> values, InvalidInput invalid) {
        pages.showErrors(ctx, "admin-announcement", Map.of("values", values, "saved", false), invalid);
    }

    private void dismiss(RoutingContext ctx) {
        int version = announcements.current().version();
        String back = back(Forms.field(ctx, "next"));
        var viewer = Viewer.of(ctx);
        if (viewer.isEmpty()) {
            ctx.response().addCookie(Cookie.cookie(AnnouncementBanner.COOKIE, String.valueOf(version)).setPath("/")
                    .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setMaxAge(365L * 24 * 3600));
            Pages.redirect(ctx, back);
            return;
        }
        announcements.dismiss(viewer.get().memberId(), version)
                .onSuccess(done -> Pages.redirect(ctx, back))
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        var viewer = Viewer.of(ctx);
        Announcement current = announcements.current();
        if (viewer.isPresent() && viewer.get().role() == hearth.server.accounts.Members.Role.ADMIN) {
            Json.send(ctx, 200, new JsonObject().put("announcement", json(current))
                    .put("shown", current.showsTo(true, announcements.now())));
            return;
        }
        boolean shown = current.showsTo(viewer.isPresent(), announcements.now());
        Json.send(ctx, 200, new JsonObject().put("announcement", shown ? json(current) : null));
    }

    private void put(RoutingContext ctx) {
        Viewer admin = Viewer.requiredAdmin(ctx, REFUSAL);
        JsonObject body = Json.body(ctx);
        Object enabled = body.getValue("enabled", Boolean.TRUE);
        if (!(enabled instanceof Boolean)) {
            throw new InvalidInput("enabled", "Say \"enabled\": true or false.");
        }
        Instant endsAt;
        try {
            String raw = body.getValue("endsAt") instanceof String text ? text : null;
            endsAt = raw == null || raw.isBlank() ? null : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("endsAt", "Give the end as a UTC time like 2026-12-24T18:00:00Z.");
        }
        String audience = body.getValue("audience") == null ? "everyone" : Json.string(body, "audience");
        Json.respond(ctx, 200, announcements.save(admin, Json.string(body, "body"), audience, endsAt,
                (Boolean) enabled).map(saved -> new JsonObject().put("announcement", json(saved))));
    }

    private static JsonObject json(Announcement a) {
        return new JsonObject()
                .put("body", a.markdown())
                .put("bodyHtml", a.html())
                .put("audience", a.audience().key())
                .put("endsAt", a.endsAt() == null ? null : a.endsAt().toString())
                .put("enabled", a.enabled())
                .put("version", a.version());
    }

    /** A form's local date and time in the viewer's zone, or null when empty. */
    static Instant localTime(String raw, ZoneId zone) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("endsAt", "Give a date and time like 2026-12-24T18:00.");
        }
    }

    private static ZoneId zone(RoutingContext ctx) {
        return DisplayPreferences.of(ctx).zone();
    }

    /** Where to go after dismissing: a path on this site only. */
    private static String back(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
