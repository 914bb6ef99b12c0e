package hearth.server.web;

import io.vertx.ext.web.Router;

/** A feature's pages and API endpoints, mounted on each server instance's router. */
@FunctionalInterface
public interface Routes {

    void mount(Router router);
}
