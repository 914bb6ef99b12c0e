package hearth.plugins.gamification.web;

import hearth.api.Contributions;
import hearth.api.slots.Slots;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.web.Html;
import hearth.plugins.gamification.standings.Cards;
import hearth.plugins.gamification.standings.Standings;

/**
 * What members see of each other's standing, from memory: the level and featured badges beside a post's author and on
 * the user card, and on the profile the level, a progress bar to the next one and the featured badges.
 */
public final class CardSlots {

    private CardSlots() {
    }

    public static void contribute(Contributions site, Cards cards) {
        site.slot(Slots.POST_AUTHOR, slot -> slot.subject().filter(PostView.class::isInstance)
                .flatMap(post -> cards.cached(((PostView) post).authorId())).map(CardSlots::compact)
                .orElse(Html.EMPTY)).after("volunteer-roles");
        site.slot(Slots.USER_CARD, slot -> slot.subject().filter(MemberView.class::isInstance)
                .flatMap(member -> cards.cached(((MemberView) member).id())).map(CardSlots::compact)
                .orElse(Html.EMPTY));
        site.slot(Slots.PROFILE_HEADER, slot -> slot.subject().filter(MemberView.class::isInstance)
                .map(member -> profile(cards.cached(((MemberView) member).id()).orElse(null)))
                .orElse(Html.EMPTY)).after("volunteer-roles");
    }

    private static Html compact(Standings.Standing card) {
        StringBuilder html = new StringBuilder("<span class=\"gamification-card\"><span class=\"gamification-level\">")
                .append(Html.text(card.levelName()).markup()).append("</span>");
        badges(card, html);
        return Html.trusted(html.append("</span>").toString());
    }

    private static Html profile(Standings.Standing card) {
        if (card == null) {
            return Html.EMPTY;
        }
        StringBuilder html = new StringBuilder("<div class=\"gamification-profile\"><p>Level ").append(card.level())
                .append(": <strong>").append(Html.text(card.levelName()).markup()).append("</strong> · ")
                .append(card.points()).append(" points</p>");
        if (!card.nextName().isEmpty()) {
            html.append("<label class=\"gamification-progress\">").append(card.nextAt() - card.points())
                    .append(" points to ").append(Html.text(card.nextName()).markup())
                    .append(" <progress max=\"100\" value=\"").append(card.progress()).append("\">")
                    .append(card.progress()).append("%</progress></label>");
        }
        badges(card, html);
        return Html.trusted(html.append("</div>").toString());
    }

    private static void badges(Standings.Standing card, StringBuilder html) {
        for (Standings.Held badge : card.featured()) {
            html.append(" <a class=\"gamification-badge ").append(badge.tier()).append("\" href=\"/x/gamification/badges/")
                    .append(badge.key()).append("\">").append(Html.text(badge.name()).markup()).append("</a>");
        }
    }
}
