package hearth.plugins.welcome;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.web.PageHandler;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import java.util.Map;

/** {@code GET /x/welcome-banner/}: who joined recently, for those with {@code welcome-banner.see-newcomers}. */
final class NewcomersPage implements PageHandler {

    /** Where the page is, for links to it. */
    static final String PATH = "/x/welcome-banner/";

    /** A page, not an archive: the list only ever shows the most recent joins. */
    private static final int SHOWN = 50;

    private final Permissions permissions;
    private final Newcomers newcomers;

    NewcomersPage(Permissions permissions, Newcomers newcomers) {
        this.permissions = permissions;
        this.newcomers = newcomers;
    }

    @Override
    public PageResponse handle(PageRequest request) {
        // Check in the handler, not only by hiding the link: anyone can type the address.
        permissions.require(request.viewer(), WelcomeBanner.SEE_NEWCOMERS, Scope.site(),
                request.viewer().isEmpty() ? "Sign in to see who joined recently."
                        : "You may not see the list of newcomers.");
        return PageResponse.page("welcome-banner::newcomers", Map.of("newcomers", newcomers.newest(SHOWN)));
    }
}
