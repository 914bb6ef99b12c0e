package hearth.plugins.gamification.web;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.gamification.awarding.BadgeBook;
import hearth.plugins.gamification.awarding.BadgeRule;
import hearth.plugins.gamification.standings.Cards;
import hearth.plugins.gamification.standings.Leaderboards;
import hearth.plugins.gamification.standings.Standings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What members see: leaderboards, the badges and their holders, their own points and featured badges; the API. */
public final class MemberFeature {

    private static final int BOARD_SIZE = 50;

    private final PluginContext context;
    private final Leaderboards boards;
    private final Standings standings;
    private final Cards cards;
    private final BadgeBook book;

    private MemberFeature(PluginContext context, Leaderboards boards, Standings standings, Cards cards,
                          BadgeBook book) {
        this.context = context;
        this.boards = boards;
        this.standings = standings;
        this.cards = cards;
        this.book = book;
    }

    public static void contribute(Contributions site, Leaderboards boards, Standings standings, Cards cards,
                                  BadgeBook book) {
        MemberFeature feature = new MemberFeature(site.context(), boards, standings, cards, book);
        site.pages()
                .get("/leaderboard", feature::leaderboardPage)
                .get("/badges", r -> PageResponse.page("gamification::badges", Map.of("badges", feature.badges())))
                .get("/badges/:key", r -> {
                    BadgeRule badge = book.require(r.param("key"));
                    return PageResponse.page("gamification::badge", Map.of("badge", badge,
                            "holders", standings.holders(badge)));
                })
                .get("/me", r -> feature.mePage(r, Map.of(), 200))
                .post("/me/featured", feature::featurePage)
                .get("/api/leaderboard", r -> PageResponse.json(feature.board(r)))
                .get("/api/badges", r -> PageResponse.json(Map.of("badges", feature.badges())))
                .get("/api/badges/:key", r -> {
                    BadgeRule badge = book.require(r.param("key"));
                    return PageResponse.json(Map.of("badge", badge, "holders", standings.holders(badge)));
                })
                .get("/api/members/:username", r -> PageResponse.json(standings.of(feature.member(r).id())))
                .post("/api/featured", r -> {
                    long memberId = feature.signedIn(r).id();
                    feature.feature(memberId, r.formValues("badges"));
                    return PageResponse.json(standings.of(memberId));
                });
    }

    private Leaderboards.Board board(PageRequest request) {
        long category = Forms.query(request, "category", 0, "Give the category as its number.");
        if (category != 0 && categories().stream().noneMatch(c -> c.id() == category)) {
            throw new InvalidInput("category", "There is no such category.");
        }
        return boards.board(request.query("period").orElse("week"), request.query("from"), request.query("to"),
                category, BOARD_SIZE);
    }

    private PageResponse leaderboardPage(PageRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("periods", Leaderboards.PERIODS);
        model.put("categories", categories());
        model.put("from", request.query("from").orElse(""));
        model.put("to", request.query("to").orElse(""));
        try {
            model.put("board", board(request));
            model.put("errors", Map.of());
            return PageResponse.page("gamification::leaderboard", model);
        } catch (InvalidInput e) {
            model.put("errors", e.errors());
            return PageResponse.page("gamification::leaderboard", model).withStatus(400);
        }
    }

    private List<CategoryView> categories() {
        return context.topics().categories();
    }

    private List<Map<String, Object>> badges() {
        Map<String, Integer> counts = standings.holderCounts();
        return book.all().stream().map(b -> Map.<String, Object>of("badge", b,
                "holders", counts.getOrDefault(b.key(), 0))).toList();
    }

    private PageResponse mePage(PageRequest request, Map<String, String> errors, int status) {
        MemberView me = signedIn(request);
        Map<String, Object> model = new HashMap<>();
        model.put("standing", standings.of(me.id()));
        model.put("ledger", standings.ledger(me.id(), 50));
        model.put("errors", errors);
        model.put("most", Standings.FEATURED);
        model.put("done", request.query("done").orElse(""));
        return PageResponse.page("gamification::me", model).withStatus(status);
    }

    private PageResponse featurePage(PageRequest request) {
        MemberView me = signedIn(request);
        try {
            feature(me.id(), request.formValues("badges"));
        } catch (InvalidInput e) {
            return mePage(request, e.errors(), 400);
        }
        return PageResponse.redirect("/x/gamification/me?done=featured");
    }

    private void feature(long memberId, List<String> badges) {
        standings.feature(memberId, badges);
        cards.refresh(Set.of(memberId));
    }

    private MemberView signedIn(PageRequest request) {
        return request.viewer().orElseThrow(() -> new Forbidden("Sign in to see your points and badges."));
    }

    private MemberView member(PageRequest request) {
        return context.members().byUsername(request.param("username"))
                .orElseThrow(() -> new NotFound("There is no such member."));
    }
}
