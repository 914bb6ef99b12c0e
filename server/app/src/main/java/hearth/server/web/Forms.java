package hearth.server.web;

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
}
