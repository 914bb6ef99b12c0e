package hearth.server.site;

import hearth.server.accounts.Viewer;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import java.util.Map;

/** {@code /admin}: the way into every administration page. */
public final class AdminIndex implements Routes {

    private final Pages pages;

    public AdminIndex(Pages pages) {
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin").handler(ctx -> {
            Viewer.requiredAdmin(ctx, "Only admins can see the administration pages.");
            pages.show(ctx, 200, "admin", Map.of());
        });
    }
}
