package hearth.server.notifications;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Puts the signed-in member's unread notification count on the request, for the badge in the page header. API
 * requests skip it; a fresh cached count costs nothing, otherwise one indexed count query off the event loop.
 */
public final class UnreadBadge implements Handler<RoutingContext> {

    private static final String KEY = "unreadNotifications";

    private final Database db;
    private final MemberNotifications notifications;

    public UnreadBadge(Database db, MemberNotifications notifications) {
        this.db = db;
        this.notifications = notifications;
    }

    @Override
    public void handle(RoutingContext ctx) {
        var viewer = Viewer.of(ctx);
        if (viewer.isEmpty() || ctx.normalizedPath().startsWith("/api/")) {
            ctx.next();
            return;
        }
        long member = viewer.get().memberId();
        var cached = notifications.cachedUnread(member);
        if (cached.isPresent()) {
            ctx.put(KEY, cached.get());
            ctx.next();
            return;
        }
        db.read(sql -> notifications.unread(sql, member)).onComplete(count -> {
            if (count.succeeded()) {
                ctx.put(KEY, count.result());
            }
            ctx.next(); // a badge is not worth failing the page for
        });
    }

    /** The request's count, for the templates. */
    public static Map<String, Object> globals(RoutingContext ctx) {
        Integer unread = ctx.get(KEY);
        return unread == null ? Map.of() : Map.of(KEY, unread);
    }
}
