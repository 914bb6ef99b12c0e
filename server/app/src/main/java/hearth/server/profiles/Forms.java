package hearth.server.profiles;

import hearth.server.accounts.Members.Role;
import hearth.server.accounts.Viewer;
import hearth.server.web.Forbidden;
import hearth.server.web.InvalidInput;
import hearth.server.web.NotFound;
import hearth.server.web.Pages;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Small helpers the profile pages share: reading form fields and path ids, admin checks, showing form errors. */
final class Forms {

    /** Every time zone java.time knows, for the time zone inputs' suggestions. */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    private Forms() {
    }

    /** A form field's value; absent reads as empty. */
    static String field(RoutingContext ctx, String name) {
        String value = ctx.request().getFormAttribute(name);
        return value == null ? "" : value;
    }

    static boolean checked(RoutingContext ctx, String name) {
        return "yes".equals(ctx.request().getFormAttribute(name));
    }

    static long pathId(RoutingContext ctx, String name, String what) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new NotFound("There is no such " + what + ".");
        }
    }

    static Viewer requireAdmin(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        if (viewer.role() != Role.ADMIN) {
            throw new Forbidden("Only admins can do that.");
        }
        return viewer;
    }

    /**
     * After a failed form: with {@link InvalidInput} shows the form again (400) with the messages, using a model the
     * caller loads; anything else goes to the error pages.
     */
    static void showErrors(RoutingContext ctx, Pages pages, String template, Throwable failure,
                           java.util.function.Supplier<io.vertx.core.Future<Map<String, Object>>> model) {
        if (!(failure instanceof InvalidInput invalid)) {
            ctx.fail(failure);
            return;
        }
        model.get().onComplete(loaded -> {
            if (loaded.failed()) {
                ctx.fail(loaded.cause());
                return;
            }
            try {
                pages.showErrors(ctx, template, loaded.result(), invalid);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
    }
}
