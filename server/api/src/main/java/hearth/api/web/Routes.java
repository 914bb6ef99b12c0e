package hearth.api.web;

/**
 * Where a plugin mounts its handlers. Paths are relative to the plugin's prefix ({@code /x/<id>} for pages,
 * {@code /admin/x/<id>} for the admin section), start with {@code /} and may hold {@code :name} segments read with
 * {@link PageRequest#param}. POST requests are CSRF-checked by the server before the handler runs (API clients with an
 * API key are exempt). Since 1.1.0, page routes under {@code /api/} are also served at {@code /api/v1/x/<id>/...}
 * (e.g. {@code /api/queue} at {@code /api/v1/x/moderation/queue}), where errors are answered as JSON.
 */
public interface Routes {

    /** Answers GET (and HEAD) requests to {@code path}. */
    Routes get(String path, PageHandler handler);

    /** Answers POST requests to {@code path}. */
    Routes post(String path, PageHandler handler);
}
