package hearth.server.plugins;

import hearth.server.web.Routes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The running plugins' shortcuts: top-level addresses such as {@code /review} that redirect to a plugin's page.
 * Mounted after every other route, so a core address always wins; an address no plugin claims goes on to the 404.
 */
public final class PluginShortcuts implements Routes {

    private final ActivePlugins active;

    public PluginShortcuts(ActivePlugins active) {
        this.active = active;
    }

    @Override
    public void mount(Router router) {
        router.get("/:shortcut").handler(ctx -> active.shortcut(ctx.normalizedPath()).ifPresentOrElse(
                target -> ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, target).end(),
                ctx::next));
    }
}
