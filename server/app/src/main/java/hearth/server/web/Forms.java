package hearth.server.web;

import hearth.api.errors.NotFound;
import io.vertx.ext.web.RoutingContext;

/** Reading submitted forms. */
public final class Forms {

    private Forms() {
    }

    /** A form field's value; a missing field reads as empty, and the rules then say what is expected. */
    public static String field(RoutingContext ctx, String name) {
        String value = ctx.request().getFormAttribute(name);
        return value == null ? "" : value;
    }

    /** A ticked checkbox (forms send "yes" for the ones they mean). */
    public static boolean checked(RoutingContext ctx, String name) {
        return "yes".equals(ctx.request().getFormAttribute(name));
    }

    /** A numeric id from the path; anything else is a 404 ("There is no such {what}."). */
    public static long pathId(RoutingContext ctx, String name, String what) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new NotFound("There is no such " + what + ".");
        }
    }
}
