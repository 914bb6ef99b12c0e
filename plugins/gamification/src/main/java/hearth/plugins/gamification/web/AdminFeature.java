package hearth.plugins.gamification.web;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.gamification.Gamification;
import hearth.plugins.gamification.awarding.Awarding;
import hearth.plugins.gamification.awarding.BadgeBook;
import hearth.plugins.gamification.awarding.BadgeRule;
import hearth.plugins.gamification.standings.Seasons;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What admins do beyond the generated settings form (points, caps, levels, time zone): define badges, grant and
 * revoke them by hand, start seasons and replay; the admin page and the same through the API.
 */
public final class AdminFeature {

    private static final String ADMIN = "/admin/x/gamification/";

    private final PluginContext context;
    private final Awarding awarding;
    private final BadgeBook book;
    private final Seasons seasons;

    private AdminFeature(PluginContext context, Awarding awarding, BadgeBook book, Seasons seasons) {
        this.context = context;
        this.awarding = awarding;
        this.book = book;
        this.seasons = seasons;
    }

    public static void contribute(Contributions site, Awarding awarding, BadgeBook book, Seasons seasons) {
        AdminFeature feature = new AdminFeature(site.context(), awarding, book, seasons);
        site.adminSection("Gamification")
                .get("/", r -> feature.page(r, Map.of(), Map.of(), 200))
                .post("/badges", r -> feature.form(r, "defined", feature::define))
                .post("/grants", r -> feature.form(r, "granted", f -> feature.grant(f, Forms.text(f, "badge"))))
                .post("/revocations", r -> feature.form(r, "revoked", f -> feature.revoke(f, Forms.text(f, "badge"))))
                .post("/seasons", r -> feature.form(r, "season", feature::season))
                .post("/replay", r -> feature.form(r, "replayed", feature::replay));
        site.pages()
                .post("/api/badges", r -> PageResponse.json(feature.define(r)).withStatus(201))
                .post("/api/badges/:key/grant", r -> {
                    feature.grant(r, r.param("key"));
                    return PageResponse.json(Map.of("granted", r.param("key")));
                })
                .post("/api/badges/:key/revoke", r -> {
                    feature.revoke(r, r.param("key"));
                    return PageResponse.json(Map.of("revoked", r.param("key")));
                })
                .post("/api/seasons", r -> PageResponse.json(feature.season(r)).withStatus(201))
                .post("/api/replay", r -> PageResponse.json(feature.replay(r)));
    }

    private long manager(PageRequest request) {
        context.permissions().require(request.viewer(), Gamification.MANAGE, Scope.site(),
                "Only admins can manage badges, seasons and replays.");
        return request.viewer().orElseThrow().id();
    }

    private PageResponse page(PageRequest request, Map<String, String> errors, Map<String, String> values,
                              int status) {
        manager(request);
        Map<String, Object> model = new HashMap<>();
        model.put("badges", book.all());
        model.put("measures", BadgeBook.measures());
        model.put("tiers", BadgeRule.TIERS);
        model.put("categories", context.topics().categories());
        model.put("seasons", seasons.all());
        model.put("errors", errors);
        model.put("values", values);
        model.put("done", request.query("done").orElse(""));
        return PageResponse.page("gamification::admin", model).withStatus(status);
    }

    /** Runs an admin form's action: back to the page with a note, or the page again with what was wrong. */
    private PageResponse form(PageRequest request, String done, Function<PageRequest, ?> action) {
        try {
            action.apply(request);
        } catch (InvalidInput e) {
            return page(request, e.errors(), values(request), 400);
        } catch (Conflict e) {
            return page(request, Map.of("form", e.getMessage()), values(request), 409);
        }
        return PageResponse.redirect(ADMIN + "?done=" + done);
    }

    private static Map<String, String> values(PageRequest request) {
        Map<String, String> values = new HashMap<>();
        for (String field : new String[] {"key", "name", "description", "tier", "measure", "threshold", "category",
                "windowDays", "member", "badge", "reason", "season"}) {
            values.put(field, Forms.text(request, field));
        }
        return values;
    }

    private BadgeRule define(PageRequest request) {
        manager(request);
        long threshold = Forms.number(request, "threshold", 0, "Give the count as a whole number.");
        long category = Forms.number(request, "category", 0, "Choose a category from the list.");
        long window = Forms.number(request, "windowDays", 0, "Give the time window as a number of days.");
        return book.define(new BadgeRule(Forms.text(request, "key"), Forms.text(request, "name"),
                Forms.text(request, "description"), Forms.text(request, "tier"), Forms.text(request, "measure"),
                (int) Math.clamp(threshold, -1, Integer.MAX_VALUE), category,
                (int) Math.clamp(window, -1, Integer.MAX_VALUE), false));
    }

    private Object grant(PageRequest request, String badge) {
        long admin = manager(request);
        awarding.grant(member(request).id(), badge(badge), Forms.text(request, "reason"), admin);
        return null;
    }

    private Object revoke(PageRequest request, String badge) {
        long admin = manager(request);
        awarding.revoke(member(request).id(), badge(badge), Forms.text(request, "reason"), admin);
        return null;
    }

    private Seasons.Season season(PageRequest request) {
        long admin = manager(request);
        String name = Forms.text(request, "season");
        return seasons.start(name.isEmpty() ? Forms.text(request, "name") : name, admin);
    }

    private Map<String, Integer> replay(PageRequest request) {
        manager(request);
        return Map.of("facts", awarding.replay());
    }

    private String badge(String key) {
        if (book.find(key).isEmpty()) {
            throw new InvalidInput("badge", "There is no such badge.");
        }
        return key;
    }

    private MemberView member(PageRequest request) {
        String username = Forms.text(request, "member");
        if (username.isEmpty()) {
            throw new InvalidInput("member", "Give the member's username.");
        }
        return context.members().byUsername(username)
                .orElseThrow(() -> new InvalidInput("member", "There is no member called " + username + "."));
    }
}
