package hearth.plugins.moderation.review;

import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flag form, {@code /x/moderation/flag/post/:id} and {@code /x/moderation/flag/member/:id}, and
 * {@code POST /x/moderation/api/flags}. After flagging, the member goes back to the post or profile, where the flag
 * link reads "Flagged" (the notice that the moderators have it).
 */
final class FlagPages {

    private final Flags flags;

    FlagPages(Flags flags) {
        this.flags = flags;
    }

    /** {@code GET /flag/:kind/:id}. */
    PageResponse form(PageRequest request) {
        return form(request, Map.of(), Map.of(), 200);
    }

    /** {@code POST /flag/:kind/:id}. */
    PageResponse save(PageRequest request) {
        String kind = kind(request);
        long id = ReviewPages.id(request.param("id"));
        // Where to go back to, found first: a flag that hides the post makes it unfindable for the flagger.
        String back = back(flags.target(request.viewer(), kind, id));
        try {
            flags.raise(request.viewer(), kind, id, request.form("reason").orElse(""),
                    request.form("text").orElse(""));
        } catch (InvalidInput invalid) {
            Map<String, String> values = new HashMap<>();
            request.form("reason").ifPresent(v -> values.put("reason", v));
            request.form("text").ifPresent(v -> values.put("text", v));
            return form(request, invalid.errors(), values, 400);
        }
        return PageResponse.redirect(back);
    }

    /** {@code POST /api/flags} with form fields kind (post or member), id, reason and text. */
    PageResponse api(PageRequest request) {
        String kind = request.form("kind").orElse("");
        long id;
        try {
            id = Long.parseLong(request.form("id").orElse(""));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "Give the id of the post or member.");
        }
        Flags.Raised raised = flags.raise(request.viewer(), kind, id, request.form("reason").orElse(""),
                request.form("text").orElse(""));
        return PageResponse.json(Map.of("flagId", raised.flagId(), "itemId", raised.itemId(),
                "hidden", raised.hidden())).withStatus(201);
    }

    private PageResponse form(PageRequest request, Map<String, String> errors, Map<String, String> values,
                              int status) {
        String kind = kind(request);
        Flags.Target target = flags.target(request.viewer(), kind, ReviewPages.id(request.param("id")));
        Map<String, Object> model = new HashMap<>();
        model.put("kind", kind);
        model.put("id", target.id());
        model.put("back", back(target));
        model.put("author", target.member().map(MemberView::displayName).orElse(""));
        target.post().ifPresent(p -> model.put("excerpt", ReviewPages.excerpt(p.markdown(), 300)));
        model.put("reasons", Flags.REASONS.entrySet().stream()
                .map(e -> Map.of("value", e.getKey(), "label", e.getValue())).toList());
        model.put("errors", errors);
        model.put("values", values);
        return PageResponse.page("moderation::flag-form", model).withStatus(status);
    }

    private static String kind(PageRequest request) {
        return Optional.of(request.param("kind")).filter(List.of(ReviewStore.POST, ReviewStore.MEMBER)::contains)
                .orElseThrow(() -> new NotFound("Only posts and members can be flagged."));
    }

    private static String back(Flags.Target target) {
        return target.post().isPresent() ? "/p/" + target.id()
                : "/u/" + target.member().map(MemberView::username).orElse("");
    }
}
