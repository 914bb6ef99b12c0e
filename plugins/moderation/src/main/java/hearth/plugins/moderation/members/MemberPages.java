package hearth.plugins.moderation.members;

import hearth.api.errors.InvalidInput;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.moderation.Sanctions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /x/moderation/members/:username}: the member's standing, the sanction forms, notes and the timeline, for
 * staff. A form that breaks a rule comes back with the message next to its field and nothing written.
 */
final class MemberPages {

    static final String PATH = "/x/moderation/members/";

    /** The form fields the page gives back after an error, so nothing typed is lost. */
    private static final List<String> FIELDS = List.of("reason", "canned", "length", "days", "note");

    private final MemberActions actions;
    private final CannedReasons reasons;
    private final Timeline timeline;

    MemberPages(MemberActions actions, CannedReasons reasons, Timeline timeline) {
        this.actions = actions;
        this.reasons = reasons;
        this.timeline = timeline;
    }

    static String path(String username) {
        return PATH + URLEncoder.encode(username, StandardCharsets.UTF_8);
    }

    /** {@code GET /members/:username}. */
    PageResponse show(PageRequest request) {
        MemberActions.Powers powers = actions.require(request.viewer());
        MemberView member = actions.target(request.param("username"));
        Map<String, Object> model = model(request, powers, member);
        request.query("done").ifPresent(done -> model.put("done", done));
        return PageResponse.page("moderation::member-page", model);
    }

    /** {@code POST /members/:username/:action}: warn, silence, suspend, ban, lift or notes. */
    PageResponse act(PageRequest request) {
        MemberActions.Powers powers = actions.require(request.viewer());
        MemberView member = actions.target(request.param("username"));
        String action = request.param("action");
        try {
            actions.act(request.viewer(), member, action, request::form);
        } catch (InvalidInput e) {
            Map<String, Object> model = model(request, powers, member);
            model.put("form", action);
            model.put("errors", e.errors());
            Map<String, String> values = new HashMap<>();
            FIELDS.forEach(field -> request.form(field).ifPresent(value -> values.put(field, value)));
            model.put("values", values);
            return PageResponse.page("moderation::member-page", model).withStatus(400);
        }
        return PageResponse.redirect(path(member.username()) + "?done=" + action);
    }

    private Map<String, Object> model(PageRequest request, MemberActions.Powers powers, MemberView member) {
        Map<String, Object> model = new HashMap<>();
        model.put("member", member);
        model.put("powers", powers);
        model.put("standing", actions.standing(member.id()));
        model.put("reasons", reasons.all());
        model.put("lengths", Arrays.stream(Sanctions.Length.values())
                .map(length -> Map.of("value", length.key(), "label", length.label)).toList());
        model.put("timeline", timeline.of(member.id(), Timeline.page(request.query("page"))));
        model.put("path", path(member.username()));
        model.put("form", "");
        model.put("errors", Map.of());
        model.put("values", Map.of());
        return model;
    }
}
