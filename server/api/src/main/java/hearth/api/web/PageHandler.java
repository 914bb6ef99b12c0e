package hearth.api.web;

/**
 * Handles one request to a plugin route. It runs on a virtual thread, so it may block (database, files). Throwing
 * {@link hearth.api.errors.InvalidInput}, {@link hearth.api.errors.Forbidden}, {@link hearth.api.errors.NotFound} or
 * {@link hearth.api.errors.Conflict} gives the person the matching 4xx page; anything else is contained: logged with
 * the plugin id, counted in admin, and answered with a 500 page.
 */
@FunctionalInterface
public interface PageHandler {

    /** Answers the request. */
    PageResponse handle(PageRequest request) throws Exception;
}
