package hearth.server.site;

import hearth.server.accounts.Viewer;
import hearth.server.plugins.ActivePlugins;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import java.util.Map;

/** {@code /admin}: the way into every administration page. */
public final class AdminIndex implements Routes {

    private final Pages pages;
    private final ActivePlugins plugins;

    public AdminIndex(Pages pages, ActivePlugins plugins) {
        this.pages = pages;
        this.plugins = plugins;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin").handler(ctx -> {
            Viewer.requiredAdmin(ctx, "Only admins can see the administration pages.");
            pages.show(ctx, 200, "admin", Map.of("pluginSections", plugins.adminSections()));
        });
    }
}
