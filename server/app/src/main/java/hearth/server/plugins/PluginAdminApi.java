package hearth.server.plugins;

import static hearth.server.plugins.PluginAdminPages.blocking;
import static hearth.server.plugins.PluginAdminPages.upload;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.web.Json;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/** The plugin admin as JSON under {@code /api/v1/admin/plugins}, for scripts with an admin-scope API key. */
public final class PluginAdminApi implements Routes {

    private static final String BASE = "/api/v1/admin/plugins";
    private static final String REFUSAL = "Only admins can manage plugins.";

    private final PluginHost host;

    public PluginAdminApi(PluginHost host) {
        this.host = host;
    }

    @Override
    public void mount(Router router) {
        router.get(BASE).handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 200, blocking(ctx, host::list).map(list -> new JsonObject()
                    .put("plugins", new JsonArray(list.stream().map(PluginAdminApi::json).toList()))));
        });
        router.post(BASE).handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 201, blocking(ctx, () -> host.install(upload(ctx))).map(PluginAdminApi::json));
        });
        router.get(BASE + "/:id").handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 200, blocking(ctx, () -> host.status(ctx.pathParam("id"))).map(PluginAdminApi::json));
        });
        router.post(BASE + "/:id/enable").handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 200, blocking(ctx, () -> host.enable(ctx.pathParam("id"))).map(PluginAdminApi::json));
        });
        router.post(BASE + "/:id/disable").handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 200, blocking(ctx, () -> host.disable(ctx.pathParam("id"))).map(PluginAdminApi::json));
        });
        router.post(BASE + "/:id/upgrade").handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 200, blocking(ctx, () -> host.upgrade(ctx.pathParam("id"), upload(ctx)))
                    .map(PluginAdminApi::json));
        });
        router.delete(BASE + "/:id").handler(this::uninstall);
        router.get(BASE + "/:id/settings").handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 200, blocking(ctx, () -> host.status(ctx.pathParam("id")))
                    .map(status -> new JsonObject(new HashMap<>(status.settingValues()))));
        });
        router.put(BASE + "/:id/settings").handler(this::saveSettings);
    }

    private void uninstall(RoutingContext ctx) {
        admin(ctx);
        String data = ctx.request().getParam("data");
        if (!"keep".equals(data) && !"delete".equals(data)) {
            throw new InvalidInput("data", "Say data=keep or data=delete: keep the plugin's tables and settings, or"
                    + " delete them.");
        }
        String id = ctx.pathParam("id");
        blocking(ctx, () -> {
            host.uninstall(id, "delete".equals(data));
            return id;
        }).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void saveSettings(RoutingContext ctx) {
        admin(ctx);
        JsonObject body = Json.body(ctx);
        Map<String, String> typed = new HashMap<>();
        body.forEach(field -> typed.put(field.getKey(), field.getValue() == null ? "" : String.valueOf(field.getValue())));
        Json.respond(ctx, 200, blocking(ctx, () -> host.updateSettings(ctx.pathParam("id"), typed, false))
                .map(status -> new JsonObject(new HashMap<>(status.settingValues()))));
    }

    static JsonObject json(PluginStatus plugin) {
        JsonObject out = new JsonObject()
                .put("id", plugin.id())
                .put("version", plugin.version())
                .put("description", plugin.description())
                .put("provider", plugin.provider())
                .put("requires", plugin.requires())
                .put("dependencies", new JsonArray(plugin.dependencies()))
                .put("dependents", new JsonArray(plugin.dependents()))
                .put("state", plugin.state().id())
                .put("running", plugin.running())
                .put("lastError", plugin.lastError().orElse(null))
                .put("installedAt", plugin.installedAt().toString())
                .put("updatedAt", plugin.updatedAt().toString())
                .put("settings", new JsonObject(new HashMap<>(plugin.settingValues())));
        return out.put("faults", new JsonArray(plugin.faults().stream().map(tally -> new JsonObject()
                .put("place", tally.place())
                .put("count", tally.count())
                .put("lastMessage", tally.lastMessage())
                .put("lastAt", tally.lastAt().toString())).toList()));
    }

    private static void admin(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, REFUSAL);
    }
}
