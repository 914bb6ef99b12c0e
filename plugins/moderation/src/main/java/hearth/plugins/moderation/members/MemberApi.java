package hearth.plugins.moderation.members;

import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /x/moderation/api/members/:username}: the member's standing and timeline as JSON, and the same actions as
 * the member page, with the same permissions. Refusals and bad input answer the server's JSON errors (403, 400 with
 * the field). POSTs take form fields ({@code reason}, {@code canned}, {@code length}, {@code days}, {@code note}):
 * plugin requests give no access to a JSON body.
 */
final class MemberApi {

    private final MemberActions actions;
    private final Timeline timeline;

    MemberApi(MemberActions actions, Timeline timeline) {
        this.actions = actions;
        this.timeline = timeline;
    }

    /** {@code GET /api/members/:username}. */
    PageResponse show(PageRequest request) {
        actions.require(request.viewer());
        MemberView member = actions.target(request.param("username"));
        Map<String, Object> body = describe(member);
        body.put("timeline", timeline.of(member.id(), Timeline.page(request.query("page"))));
        return PageResponse.json(body);
    }

    /** {@code POST /api/members/:username/:action}: warn, silence, suspend, ban, lift or notes. */
    PageResponse act(PageRequest request) {
        actions.require(request.viewer()); // before the lookup, so outsiders cannot probe usernames
        MemberView member = actions.target(request.param("username"));
        String done = actions.act(request.viewer(), member, request.param("action"), request::form);
        Map<String, Object> body = describe(member);
        body.put("done", done);
        return PageResponse.json(body);
    }

    private Map<String, Object> describe(MemberView member) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", member.id());
        body.put("username", member.username());
        body.put("displayName", member.displayName());
        body.put("role", member.role().name().toLowerCase(Locale.ROOT));
        body.put("standing", actions.standing(member.id()));
        return body;
    }
}
