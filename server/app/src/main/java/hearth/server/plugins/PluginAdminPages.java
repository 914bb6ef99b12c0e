package hearth.server.plugins;

import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code /admin/plugins}: admins see every installed plugin and install, enable, disable, upgrade, configure and
 * uninstall them, all while the site runs. Refusals show on the page next to the form that caused them.
 */
public final class PluginAdminPages implements Routes {

    private static final String REFUSAL = "Only admins can manage plugins.";

    private final PluginHost host;
    private final TaskScheduler tasks;
    private final Pages pages;

    public PluginAdminPages(PluginHost host, TaskScheduler tasks, Pages pages) {
        this.host = host;
        this.tasks = tasks;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/plugins").handler(ctx -> {
            admin(ctx);
            showList(ctx, 200, Map.of("done", param(ctx, "done")));
        });
        router.post("/admin/plugins").handler(this::install);
        router.get("/admin/plugins/:id").handler(ctx -> {
            admin(ctx);
            showPlugin(ctx, 200, Map.of("done", param(ctx, "done")));
        });
        router.post("/admin/plugins/:id/enable").handler(ctx -> change(ctx, () -> host.enable(id(ctx)), "enabled"));
        router.post("/admin/plugins/:id/disable").handler(ctx -> change(ctx, () -> host.disable(id(ctx)), "disabled"));
        router.post("/admin/plugins/:id/upgrade").handler(
                ctx -> change(ctx, () -> host.upgrade(id(ctx), upload(ctx)), "upgraded"));
        router.post("/admin/plugins/:id/settings").handler(this::saveSettings);
        router.post("/admin/plugins/:id/uninstall").handler(this::uninstall);
    }

    private void install(RoutingContext ctx) {
        admin(ctx);
        blocking(ctx, () -> host.install(upload(ctx)))
                .onSuccess(installed -> Pages.redirect(ctx, "/admin/plugins/" + installed.id() + "?done=installed"))
                .onFailure(Pages.formFailure(ctx, invalid -> showList(ctx, 400, Map.of("errors", invalid.errors()))));
    }

    private void change(RoutingContext ctx, Callable<PluginStatus> action, String done) {
        admin(ctx);
        blocking(ctx, action)
                .onSuccess(status -> Pages.redirect(ctx, "/admin/plugins/" + status.id() + "?done=" + done))
                .onFailure(failure -> {
                    switch (failure) {
                        case Conflict refused -> showPlugin(ctx, 409, Map.of("refusal", refused.getMessage()));
                        case InvalidInput invalid -> showPlugin(ctx, 400, Map.of("errors", invalid.errors()));
                        default -> ctx.fail(failure);
                    }
                });
    }

    private void saveSettings(RoutingContext ctx) {
        admin(ctx);
        Map<String, String> typed = new HashMap<>();
        ctx.request().formAttributes().forEach(field -> typed.put(field.getKey(), field.getValue()));
        blocking(ctx, () -> host.updateSettings(id(ctx), typed, true))
                .onSuccess(status -> Pages.redirect(ctx, "/admin/plugins/" + status.id() + "?done=saved"))
                .onFailure(failure -> {
                    switch (failure) {
                        case InvalidInput invalid -> showPlugin(ctx, 400,
                                Map.of("errors", invalid.errors(), "typed", typed));
                        case Conflict refused -> showPlugin(ctx, 409, Map.of("refusal", refused.getMessage()));
                        default -> ctx.fail(failure);
                    }
                });
    }

    private void uninstall(RoutingContext ctx) {
        admin(ctx);
        String data = ctx.request().getFormAttribute("data");
        if (!"keep".equals(data) && !"delete".equals(data)) {
            showPlugin(ctx, 400, Map.of("errors", Map.of("data", "Choose whether to keep or delete its data.")));
            return;
        }
        String id = id(ctx);
        blocking(ctx, () -> {
            host.uninstall(id, "delete".equals(data));
            return id;
        }).onSuccess(gone -> Pages.redirect(ctx, "/admin/plugins?done=" + gone))
                .onFailure(failure -> {
                    if (failure instanceof Conflict refused) {
                        showPlugin(ctx, 409, Map.of("refusal", refused.getMessage()));
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    private void showList(RoutingContext ctx, int status, Map<String, ?> extra) {
        blocking(ctx, host::list).onSuccess(plugins -> {
            Map<String, Object> model = new HashMap<>(extra);
            model.put("plugins", plugins);
            model.put("maxMegabytes", PluginJar.MAX_BYTES / (1024 * 1024));
            pages.show(ctx, status, "admin-plugins", model);
        }).onFailure(ctx::fail);
    }

    private void showPlugin(RoutingContext ctx, int status, Map<String, ?> extra) {
        blocking(ctx, () -> Map.of("plugin", host.status(id(ctx)), "tasks", tasks.status(id(ctx)))).onSuccess(found -> {
            Map<String, Object> model = new HashMap<>(extra);
            model.putAll(found);
            model.put("maxMegabytes", PluginJar.MAX_BYTES / (1024 * 1024));
            pages.show(ctx, status, "admin-plugin", model);
        }).onFailure(ctx::fail);
    }

    /** The uploaded jar (form field {@code jar}), or an {@link InvalidInput} that says what is wrong with it. */
    static Path upload(RoutingContext ctx) {
        for (FileUpload file : ctx.fileUploads()) {
            if (file.name().equals("jar")) {
                if (file.size() == 0) {
                    throw new InvalidInput("jar", "The file is empty. Choose the plugin's .jar file.");
                }
                if (file.size() > PluginJar.MAX_BYTES) {
                    throw new InvalidInput("jar", "The file is larger than " + PluginJar.MAX_BYTES / (1024 * 1024)
                            + " MiB, the most a plugin may be.");
                }
                return Path.of(file.uploadedFileName());
            }
        }
        throw new InvalidInput("jar", "Choose the plugin's .jar file to upload.");
    }

    static <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
        return ctx.vertx().executeBlocking(work, false);
    }

    private static String id(RoutingContext ctx) {
        return ctx.pathParam("id");
    }

    private static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null ? "" : value;
    }

    private static void admin(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, REFUSAL);
    }
}
