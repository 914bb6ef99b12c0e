package hearth.plugins.analytics.segments;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Role;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.analytics.dashboard.DashboardFeature;
import hearth.plugins.analytics.rollup.Rollups;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Member segments at {@code /x/analytics/segments/<name>} (and as JSON), each with a private message to everyone in
 * it: welcome the new, thank the superfans, ask the quiet how they are, answer the unanswered.
 */
public final class SegmentsFeature {

    /** Send a private message to every member of a segment. */
    public static final String MESSAGE = "analytics.message";

    private static final int TITLE_MAX = 200;
    private static final int BODY_MAX = 10_000;

    /** A member of a segment, as listed. */
    public record Member(long id, String username, String displayName) {
    }

    private final PluginContext context;
    private final Segments segments;
    private final Rollups rollups;

    private SegmentsFeature(PluginContext context, Segments segments, Rollups rollups) {
        this.context = context;
        this.segments = segments;
        this.rollups = rollups;
    }

    public static void contribute(Contributions site, Segments segments, Rollups rollups) {
        site.permission(MESSAGE, "Send a private message to every member of an analytics segment",
                Role.ADMIN);
        SegmentsFeature feature = new SegmentsFeature(site.context(), segments, rollups);
        site.pages()
                .get("/segments/:segment", r -> feature.page(r, Map.of(), Map.of(), 200))
                .get("/api/segments/:segment", r -> PageResponse.json(Map.of("segment", feature.name(r),
                        "description", Segments.DESCRIPTIONS.get(feature.name(r)), "members", feature.members(r))))
                .post("/segments/:segment/message", feature::messageForm)
                .post("/api/segments/:segment/message", r -> PageResponse.json(Map.of("sent", feature.send(r))));
    }

    private String name(PageRequest request) {
        context.permissions().require(request.viewer(), DashboardFeature.VIEW, Scope.site(),
                "Only community managers can see member segments.");
        String name = request.param("segment");
        if (!Segments.DESCRIPTIONS.containsKey(name)) {
            throw new NotFound("There is no such segment.");
        }
        return name;
    }

    private List<Member> members(PageRequest request) {
        String name = name(request);
        ZoneId zone = rollups.zone();
        LocalDate today = LocalDate.ofInstant(context.clock().instant(), zone);
        return segments.members(name, today, zone).stream()
                .map(id -> context.members().byId(id))
                .flatMap(Optional::stream)
                .map(m -> new Member(m.id(), m.username(), m.displayName())).toList();
    }

    private PageResponse page(PageRequest request, Map<String, String> errors, Map<String, String> values,
                              int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("segment", name(request));
        model.put("description", Segments.DESCRIPTIONS.get(request.param("segment")));
        model.put("members", members(request));
        model.put("segments", Segments.NAMES);
        model.put("mayMessage", context.permissions().allows(request.viewer(), MESSAGE, Scope.site()));
        model.put("errors", errors);
        model.put("values", values);
        model.put("sent", request.query("sent").filter(s -> s.matches("\\d{1,4}")).orElse(""));
        return PageResponse.page("analytics::segment", model).withStatus(status);
    }

    private PageResponse messageForm(PageRequest request) {
        try {
            int sent = send(request);
            return PageResponse.redirect("/x/analytics/segments/" + request.param("segment") + "?sent=" + sent);
        } catch (InvalidInput e) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("title", request.form("title").orElse(""));
            values.put("body", request.form("body").orElse(""));
            return page(request, e.errors(), values, 400);
        }
    }

    /** Sends the message to every member of the segment in one transaction; returns how many got it. */
    private int send(PageRequest request) {
        String name = name(request);
        context.permissions().require(request.viewer(), MESSAGE, Scope.site(),
                "Only admins can message a whole segment.");
        String title = request.form("title").orElse("").strip();
        String body = request.form("body").orElse("").strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (title.isEmpty() || title.length() > TITLE_MAX) {
            errors.put("title", "Give the message a title of up to " + TITLE_MAX + " characters.");
        }
        if (body.isEmpty() || body.length() > BODY_MAX) {
            errors.put("body", "Write the message, up to " + BODY_MAX + " characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        List<Member> members = members(request);
        if (members.isEmpty()) {
            throw new InvalidInput("title", "Nobody is in the " + name + " segment now; nothing was sent.");
        }
        long from = request.viewer().map(MemberView::id).orElseThrow();
        return context.database().transaction(tx -> {
            for (Member member : members) {
                if (member.id() != from) {
                    context.moderation().sendPrivateMessage(tx, member.id(), title, body, from);
                }
            }
            return (int) members.stream().filter(m -> m.id() != from).count();
        });
    }
}
