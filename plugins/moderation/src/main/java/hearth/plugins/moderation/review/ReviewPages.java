package hearth.plugins.moderation.review;

import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.moderation.Standing;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.moderation.Sanctions;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review queue's pages ({@code /x/moderation/review}) and its JSON API ({@code /x/moderation/api/queue}): both
 * list what the viewer reviews and act through {@link ReviewActions}, so they share every check.
 */
public final class ReviewPages {

    static final String PATH = "/x/moderation/review";
    private static final int SHOWN = 200;
    private static final int EXCERPT = 300;

    /** A queue row as the list page and the API show it. Public: templates and JSON read its components. */
    public record Row(long id, String kind, String state, long subjectId, long memberId, String member,
                      long categoryId, long assigneeId, String assignee, String reason, String explanation,
                      Instant createdAt, long waitingSeconds, String waiting) {
    }

    /** One flag as the item page shows it. */
    public record FlagLine(String flagger, String reason, String details, double trust, double accuracy,
                           double weight, String state, Instant at) {
    }

    /** One post as context. */
    public record PostLine(long id, int number, String author, String excerpt, boolean hidden, Instant at) {
    }

    /** One note. */
    public record NoteLine(String author, Instant at, String text) {
    }

    private final Toolkit kit;
    private final ReviewStore store;
    private final Queue queue;
    private final Flags flags;
    private final ReviewActions actions;

    ReviewPages(Toolkit kit, ReviewStore store, Queue queue, Flags flags, ReviewActions actions) {
        this.kit = kit;
        this.store = store;
        this.queue = queue;
        this.flags = flags;
        this.actions = actions;
    }

    /** {@code GET /review?state=&kind=}: waiting items (open and in progress) oldest first, or one state or kind. */
    PageResponse list(PageRequest request) {
        Map<String, Object> model = new HashMap<>();
        String state = request.query("state").filter(ReviewStore.STATES::contains).orElse("waiting");
        String kind = request.query("kind").filter(ReviewStore.KINDS::contains).orElse("");
        model.put("rows", rows(request.viewer(), state, kind));
        model.put("state", state);
        model.put("kind", kind);
        model.put("states", ReviewStore.STATES);
        model.put("kinds", ReviewStore.KINDS);
        return PageResponse.page("moderation::review-queue", model);
    }

    /** {@code GET /api/queue?state=&kind=}. */
    PageResponse apiList(PageRequest request) {
        String state = request.query("state").filter(ReviewStore.STATES::contains).orElse("waiting");
        String kind = request.query("kind").filter(ReviewStore.KINDS::contains).orElse("");
        return PageResponse.json(Map.of("items", rows(request.viewer(), state, kind)));
    }

    private List<Row> rows(Optional<MemberView> viewer, String state, String kind) {
        Optional<Set<Long>> scope = kit.staff().reviewScope(viewer);
        if (scope.isEmpty()) {
            queue.syncSignUps();
        }
        Set<String> states = state.equals("waiting") ? ReviewStore.WAITING : Set.of(state);
        Instant now = kit.context().clock().instant();
        Map<Long, String> names = new HashMap<>();
        return kit.context().database().read(sql -> store.list(sql, scope, states,
                        kind.isEmpty() ? Optional.empty() : Optional.of(kind), SHOWN)).stream()
                .map(item -> row(item, names, now)).toList();
    }

    private Row row(ReviewStore.Item item, Map<Long, String> names, Instant now) {
        return new Row(item.id(), item.kind(), item.state(), item.subjectId(), item.memberId(),
                name(names, item.memberId()), item.categoryId(), item.assigneeId(),
                item.assigneeId() == 0 ? "" : name(names, item.assigneeId()), item.reason(),
                item.explanation() == null ? "" : item.explanation(), item.createdAt(),
                Duration.between(item.createdAt(), now).toSeconds(), waiting(item.createdAt(), now));
    }

    /** {@code GET /review/:id}: the item with its context, the flags' breakdown, notes and the actions. */
    PageResponse show(PageRequest request) {
        return item(request, Map.of(), Map.of(), 200);
    }

    /** {@code POST /review/:id/:action}: acts, then back to the item (or the form again with the errors). */
    PageResponse act(PageRequest request) {
        long id = id(request.param("id"));
        try {
            actions.act(request.viewer(), id, request.param("action"), request::form);
        } catch (InvalidInput invalid) {
            Map<String, String> values = new HashMap<>();
            for (String field : List.of("note", "markdown", "reason", "length", "days")) {
                request.form(field).ifPresent(v -> values.put(field, v));
            }
            return item(request, invalid.errors(), values, 400);
        }
        return PageResponse.redirect(PATH + "/" + id);
    }

    /** {@code POST /api/queue/:id/:action} (form-encoded fields). */
    PageResponse apiAct(PageRequest request) {
        ReviewStore.Item after = actions.act(request.viewer(), id(request.param("id")), request.param("action"),
                request::form);
        return PageResponse.json(Map.of("id", after.id(), "state", after.state(), "kind", after.kind()));
    }

    private PageResponse item(PageRequest request, Map<String, String> errors, Map<String, String> values,
                              int status) {
        ReviewStore.Item item = actions.authorised(request.viewer(), id(request.param("id")));
        Instant now = kit.context().clock().instant();
        Map<Long, String> names = new HashMap<>();
        Map<String, Object> model = new HashMap<>();
        model.put("item", row(item, names, now));
        model.put("actions", ReviewActions.ACTIONS.get(item.kind()));
        boolean sanctions = kit.context().permissions().allows(request.viewer(), Staff.SANCTION, Scope.site());
        boolean briefly = item.categoryId() != 0 && kit.context().permissions().allows(request.viewer(),
                Staff.SILENCE_BRIEFLY, Scope.category(item.categoryId()));
        model.put("maySilence", sanctions || briefly);
        model.put("lengths", List.of(Sanctions.Length.values()).stream()
                .filter(l -> l != Sanctions.Length.PERMANENT && (sanctions || l == Sanctions.Length.DAY))
                .map(l -> Map.of("value", l.key(), "label", l.label)).toList());
        model.put("errors", errors);
        model.put("values", values);

        Optional<MemberView> member = kit.context().members().byId(item.memberId());
        member.ifPresent(m -> {
            model.put("member", m);
            model.put("memberAge", age(m.joinedAt(), now));
            Standing standing = kit.context().database().transaction(tx -> kit.context().moderation()
                    .standing(tx, m.id()));
            model.put("standing", standing.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        });
        model.put("history", kit.context().topics().postsBy(item.memberId(), 5).stream()
                .map(p -> line(p, names)).toList());

        boolean aboutPost = item.kind().equals(ReviewStore.POST) || item.kind().equals(ReviewStore.HELD);
        String flagKind = item.kind().equals(ReviewStore.MEMBER) ? ReviewStore.MEMBER : ReviewStore.POST;
        if (aboutPost) {
            Optional<PostView> post = kit.context().topics().post(item.subjectId());
            post.ifPresent(p -> {
                model.put("post", p);
                model.put("postText", excerpt(p.markdown(), 5000));
                Optional<TopicView> topic = kit.context().topics().topic(p.topicId());
                topic.ifPresent(t -> model.put("topic", t));
                List<PostLine> thread = new ArrayList<>();
                if (p.number() > 1) {
                    kit.context().topics().posts(p.topicId(), 1, 1).forEach(o -> thread.add(line(o, names)));
                    int from = Math.max(2, p.number() - 3);
                    kit.context().topics().posts(p.topicId(), from, p.number() - from)
                            .forEach(o -> thread.add(line(o, names)));
                }
                model.put("thread", thread);
            });
        }
        List<ReviewStore.Flag> all = kit.context().database().read(sql -> store.flagsOn(sql, flagKind,
                item.subjectId()));
        model.put("flags", all.stream().map(f -> new FlagLine(name(names, f.flaggerId()),
                Flags.REASONS.getOrDefault(f.reason(), f.reason()), f.details(), f.trust(), f.accuracy(), f.weight(),
                f.state(), f.createdAt())).toList());
        List<ReviewStore.Flag> open = all.stream().filter(f -> f.state().equals(ReviewStore.OPEN)).toList();
        model.put("breakdown", flags.breakdown(open));
        model.put("previousFlags", kit.context().database().read(sql -> store.flagsAgainst(sql, item.memberId(), 20))
                .stream().filter(f -> !(f.itemKind().equals(flagKind) && f.itemId() == item.subjectId()))
                .map(f -> Map.of("about", f.itemKind() + " " + f.itemId(),
                        "reason", Flags.REASONS.getOrDefault(f.reason(), f.reason()), "state", f.state(),
                        "at", f.createdAt()))
                .toList());
        model.put("notes", kit.context().database().read(sql -> store.notes(sql, item.id())).stream()
                .map(n -> new NoteLine(name(names, n.authorId()), n.at(), n.text())).toList());
        return PageResponse.page("moderation::review-item", model).withStatus(status);
    }

    private PostLine line(PostView post, Map<Long, String> names) {
        return new PostLine(post.id(), post.number(), name(names, post.authorId()), excerpt(post.markdown(), EXCERPT),
                post.hidden(), post.createdAt());
    }

    private String name(Map<Long, String> names, long memberId) {
        return names.computeIfAbsent(memberId, id -> kit.context().members().byId(id).map(MemberView::username)
                .orElse("(deleted account)"));
    }

    static String excerpt(String markdown, int max) {
        return markdown.length() <= max ? markdown : markdown.substring(0, max) + "…";
    }

    /** "waiting 3 h": how long an item has waited, in the largest whole unit. */
    static String waiting(Instant since, Instant now) {
        return "waiting " + age(since, now);
    }

    static String age(Instant since, Instant now) {
        Duration age = Duration.between(since, now);
        if (age.toMinutes() < 1) {
            return "under a minute";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min";
        }
        if (age.toDays() < 2) {
            return age.toHours() + " h";
        }
        return age.toDays() + " days";
    }

    static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new hearth.api.errors.NotFound("There is no such item.");
        }
    }
}
