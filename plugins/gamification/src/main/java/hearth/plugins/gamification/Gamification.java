package hearth.plugins.gamification;

import hearth.api.Contributions;
import hearth.api.HearthExtension;
import hearth.api.PluginContext;
import hearth.api.access.Role;
import hearth.api.notifications.NotificationKind;
import hearth.api.settings.Setting;
import hearth.api.slots.Slots;
import hearth.api.web.Html;
import hearth.plugins.gamification.awarding.Awarder;
import hearth.plugins.gamification.awarding.Awarding;
import hearth.plugins.gamification.awarding.BadgeBook;
import hearth.plugins.gamification.awarding.Levels;
import hearth.plugins.gamification.awarding.Rules;
import hearth.plugins.gamification.awarding.Tables;
import hearth.plugins.gamification.awarding.Visits;
import hearth.plugins.gamification.standings.Cards;
import hearth.plugins.gamification.standings.Leaderboards;
import hearth.plugins.gamification.standings.Seasons;
import hearth.plugins.gamification.standings.Standings;
import hearth.plugins.gamification.web.AdminFeature;
import hearth.plugins.gamification.web.CardSlots;
import hearth.plugins.gamification.web.MemberFeature;
import org.pf4j.Extension;

/**
 * The plugin's manifest: points from the journal under admins' rules and caps, badges, levels, leaderboards and
 * seasons, a replay that recomputes it all, the pages, the JSON API and the profile and post-author slots.
 */
@Extension
public final class Gamification implements HearthExtension {

    /** Change badges, grant and revoke them by hand, start seasons and replay. */
    public static final String MANAGE = "gamification.manage";

    @Override
    public void contribute(Contributions site) {
        PluginContext context = site.context();
        site.permission(MANAGE, "Define badges, grant and revoke them, start seasons and replay the points",
                Role.ADMIN);
        NotificationKind told = site.notificationKind("gamification.awards", "You earned a badge or reached a level");

        Rules rules = new Rules(site.settings());
        Levels levels = new Levels(site.settings());
        Setting<Boolean> excludeStaff = site.settings().toggle("exclude-staff", "Leave staff off the leaderboards",
                true);
        Tables tables = new Tables(context.database());
        BadgeBook book = new BadgeBook(context);
        Standings standings = new Standings(context, tables, levels, book);
        Cards cards = new Cards(standings);
        site.warmUp(() -> {
            book.reload();
            cards.reload();
        });
        Awarding awarding = new Awarding(context, tables, new Awarder(tables, rules, levels, book), book, told,
                cards::refresh);
        site.listener("awarding", awarding::on);
        site.requestObserver(new Visits(context, tables, rules)::observe);

        Seasons seasons = new Seasons(context, tables, rules);
        Leaderboards boards = new Leaderboards(context, tables, rules, seasons, excludeStaff);
        MemberFeature.contribute(site, boards, standings, cards, book);
        AdminFeature.contribute(site, awarding, book, seasons);
        CardSlots.contribute(site, cards);

        String stylesheet = "<link rel=\"stylesheet\" href=\"" + context.assetUrl("gamification.css") + "\">";
        site.slot(Slots.HEAD_ASSETS, slot -> Html.trusted(stylesheet));
        site.slot(Slots.NAV_MAIN, slot -> Html.trusted("<a href=\"/x/gamification/leaderboard\">Leaderboard</a>"));
    }
}
