package hearth.server.web;

import hearth.api.errors.InvalidInput;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON in and out for the API under {@code /api/v1}; failures become {@code {"error", "field"}} via the error pages. */
public final class Json {

    private Json() {
    }

    /** The request body as an object, or a 400 that says what is expected. */
    public static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new InvalidInput("body", "Send a JSON object with Content-Type: application/json.");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInput("body", "The body is not a valid JSON object.");
        }
    }

    /** A string field; absent or not a string reads as empty, and rules decide whether empty is allowed. */
    public static String string(JsonObject body, String field) {
        Object value = body.getValue(field);
        return value instanceof String s ? s : "";
    }

    public static void send(RoutingContext ctx, int status, Object json) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(json instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(json));
    }

    public static <T> void respond(RoutingContext ctx, int status, Future<T> result) {
        result.onSuccess(value -> send(ctx, status, value)).onFailure(ctx::fail);
    }
}
