package hearth.server.announcements;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Puts the banner the viewer should see on the request, for the layout. Visitors' dismissals live in a cookie;
 * members' in the database, looked up once off the event loop and then cached. API requests skip it.
 */
public final class AnnouncementBanner implements Handler<RoutingContext> {

    /** The cookie holding the banner version a visitor dismissed. */
    public static final String COOKIE = "hearth_announcement";
    private static final String KEY = "announcement";

    private final Database db;
    private final Announcements announcements;

    public AnnouncementBanner(Database db, Announcements announcements) {
        this.db = db;
        this.announcements = announcements;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.normalizedPath().startsWith("/api/")) {
            ctx.next();
            return;
        }
        var viewer = Viewer.of(ctx);
        if (viewer.isEmpty()) {
            Announcement banner = announcements.current();
            if (banner.showsTo(false, announcements.now()) && dismissedByCookie(ctx) < banner.version()) {
                ctx.put(KEY, banner);
            }
            ctx.next();
            return;
        }
        long member = viewer.get().memberId();
        if (!announcements.needsLookup(member)) {
            put(ctx, announcements.forMember(null, member));
            ctx.next();
            return;
        }
        db.read(sql -> java.util.Optional.ofNullable(announcements.forMember(sql, member))).onComplete(found -> {
            if (found.succeeded()) {
                found.result().ifPresent(banner -> ctx.put(KEY, banner));
            }
            ctx.next(); // a banner is not worth failing the page for
        });
    }

    private static void put(RoutingContext ctx, Announcement banner) {
        if (banner != null) {
            ctx.put(KEY, banner);
        }
    }

    static int dismissedByCookie(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        try {
            return cookie == null ? 0 : Integer.parseInt(cookie.getValue());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The request's banner, for the templates. */
    public static Map<String, Object> globals(RoutingContext ctx) {
        Announcement banner = ctx.get(KEY);
        return banner == null ? Map.of() : Map.of(KEY, banner);
    }
}
