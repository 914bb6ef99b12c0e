package hearth.plugins.moderation.members;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /x/moderation/reasons}: admins add, edit and delete the canned reasons offered on the sanction forms. Every
 * handler checks {@link MembersFeature#EDIT_REASONS}; the server checks the forms' CSRF token.
 */
final class ReasonPages {

    static final String PATH = "/x/moderation/reasons";

    private final Permissions permissions;
    private final CannedReasons reasons;

    ReasonPages(Permissions permissions, CannedReasons reasons) {
        this.permissions = permissions;
        this.reasons = reasons;
    }

    /** {@code GET /reasons}. */
    PageResponse show(PageRequest request) {
        require(request);
        return page(Map.of(), "", Map.of(), 200);
    }

    /** {@code POST /reasons}: a new reason. */
    PageResponse add(PageRequest request) {
        long actor = require(request);
        return answer(request, "new", () -> reasons.add(actor, field(request, "title"), field(request, "body")));
    }

    /** {@code POST /reasons/:id}: a reason changed. */
    PageResponse edit(PageRequest request) {
        long actor = require(request);
        long id = id(request);
        return answer(request, String.valueOf(id),
                () -> reasons.edit(actor, id, field(request, "title"), field(request, "body")));
    }

    /** {@code POST /reasons/:id/delete}. */
    PageResponse delete(PageRequest request) {
        long actor = require(request);
        reasons.delete(actor, id(request));
        return PageResponse.redirect(PATH + "?done=deleted");
    }

    private PageResponse answer(PageRequest request, String form, Runnable change) {
        try {
            change.run();
        } catch (InvalidInput e) {
            return page(e.errors(), form, Map.of("title", field(request, "title"), "body", field(request, "body")),
                    400);
        }
        return PageResponse.redirect(PATH + "?done=saved");
    }

    private PageResponse page(Map<String, String> errors, String form, Map<String, String> values, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("reasons", reasons.all());
        model.put("errors", errors);
        model.put("form", form);
        model.put("values", values);
        return PageResponse.page("moderation::sanction-reasons", model).withStatus(status);
    }

    private long require(PageRequest request) {
        permissions.require(request.viewer(), MembersFeature.EDIT_REASONS, Scope.site(),
                "Only admins can edit the canned reasons.");
        return request.viewer().orElseThrow().id();
    }

    private static String field(PageRequest request, String name) {
        return request.form(name).orElse("");
    }

    private static long id(PageRequest request) {
        try {
            return Long.parseLong(request.param("id"));
        } catch (NumberFormatException e) {
            throw new NotFound("There is no such reason.");
        }
    }
}
