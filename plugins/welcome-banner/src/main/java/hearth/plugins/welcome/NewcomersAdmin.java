package hearth.plugins.welcome;

import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import java.util.Map;

/**
 * The plugin's admin section, {@code /admin/x/welcome-banner/}: how long the newcomers list is, and a button that
 * empties it. Only admins reach these routes and the server checks the form's CSRF token, so the handlers only act.
 */
final class NewcomersAdmin {

    private static final String PATH = "/admin/x/welcome-banner/";

    private final Newcomers newcomers;

    NewcomersAdmin(Newcomers newcomers) {
        this.newcomers = newcomers;
    }

    /** {@code GET /}: the count and the form. */
    PageResponse show(PageRequest request) {
        return PageResponse.page("welcome-banner::admin", Map.of("listed", newcomers.count()));
    }

    /** {@code POST /clear}: empties the list and goes back to the section (post, redirect, get). */
    PageResponse clear(PageRequest request) {
        newcomers.clear();
        return PageResponse.redirect(PATH);
    }
}
