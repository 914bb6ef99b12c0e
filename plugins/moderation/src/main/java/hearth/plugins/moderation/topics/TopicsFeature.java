package hearth.plugins.moderation.topics;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.slots.Slots;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberView;
import hearth.api.views.TopicView;
import hearth.api.web.Html;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Topic tools: a "Topic tools" link beside topics for those who moderate their category, the page with a form per
 * tool at {@code /x/moderation/topics/:id}, and the same tools as JSON at {@code /api/v1/x/moderation/topics/:id/:tool}.
 */
public final class TopicsFeature {

    private static final List<String> FIELDS = List.of("reason", "scope", "categoryId", "into", "title", "owner");

    private final PluginContext context;
    private final TopicTools tools;

    private TopicsFeature(Toolkit kit) {
        this.context = kit.context();
        this.tools = new TopicTools(kit.context(), kit.staff(), kit.audit());
    }

    public static void contribute(Contributions site, Toolkit kit) {
        TopicsFeature feature = new TopicsFeature(kit);
        PluginContext context = kit.context();
        site.slot(Slots.TOPIC_SIDEBAR, slot -> slot.subject()
                .filter(TopicView.class::isInstance).map(TopicView.class::cast)
                .filter(topic -> context.permissions().allows(slot.viewer(), Staff.CORE_MODERATE,
                        Scope.category(topic.categoryId())))
                .map(topic -> context.templates().render("topic-tools-link", Map.of("topicId", topic.id())))
                .orElse(Html.EMPTY));
        site.pages()
                .get("/topics/:id", feature::page)
                .post("/topics/:id/:action", feature::act)
                .post("/api/topics/:id/:action", feature::actJson);
    }

    private PageResponse page(PageRequest request) {
        long id = id(request);
        TopicView topic = tools.topic(request.viewer(), id);
        return PageResponse.page("moderation::topic-tools", model(request, topic, "", Map.of(), Map.of()));
    }

    private PageResponse act(PageRequest request) {
        long id = id(request);
        MemberView moderator = moderator(request);
        String action = request.param("action");
        Map<String, String> fields = fields(request);
        try {
            long next = tools.apply(moderator, id, action, fields);
            return PageResponse.redirect(next == id && context.topics().topic(id).isPresent()
                    ? "/x/moderation/topics/" + id + "?done=" + action : "/t/" + next);
        } catch (InvalidInput invalid) {
            TopicView topic = tools.topic(request.viewer(), id);
            return PageResponse.page("moderation::topic-tools", model(request, topic, action, invalid.errors(),
                    fields)).withStatus(400);
        }
    }

    private PageResponse actJson(PageRequest request) {
        long id = id(request);
        long next = tools.apply(moderator(request), id, request.param("action"), fields(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("topicId", next);
        answer.put("action", request.param("action"));
        context.topics().topic(next).ifPresent(topic -> answer.put("state", topic.state()));
        return PageResponse.json(answer);
    }

    /** The page's variables; {@code failed} is the tool whose form comes back with {@code errors} (open on the page). */
    private Map<String, Object> model(PageRequest request, TopicView topic, String failed, Map<String, String> errors,
                                      Map<String, String> values) {
        Map<String, Object> model = new HashMap<>();
        model.put("failed", failed);
        model.put("topic", topic);
        model.put("errors", errors);
        model.put("values", values);
        model.put("done", request.query("done").orElse(""));
        model.put("replies", context.topics().posts(topic.id(), 2, 200));
        List<CategoryView> categories = context.topics().categories().stream()
                .filter(c -> context.permissions().allows(request.viewer(), Staff.CORE_MODERATE,
                        Scope.category(c.id())))
                .toList();
        model.put("categories", categories);
        model.put("author", context.members().byId(topic.authorId()).map(MemberView::username).orElse(""));
        return model;
    }

    private static Map<String, String> fields(PageRequest request) {
        Map<String, String> fields = new HashMap<>();
        FIELDS.forEach(name -> request.form(name).ifPresent(value -> fields.put(name, value)));
        List<String> posts = request.formValues("posts");
        if (!posts.isEmpty()) {
            fields.put("posts", String.join(",", posts));
        }
        return fields;
    }

    private static MemberView moderator(PageRequest request) {
        return request.viewer().orElseThrow(() -> new Forbidden("Log in as a moderator first."));
    }

    private static long id(PageRequest request) {
        try {
            return Long.parseLong(request.param("id"));
        } catch (NumberFormatException e) {
            throw new NotFound("There is no such topic.");
        }
    }
}
