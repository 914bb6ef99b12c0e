package hearth.plugins.moderation.guards;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.slots.SlotContext;
import hearth.api.slots.Slots;
import hearth.api.views.TopicView;
import hearth.api.web.Html;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.util.Map;

/**
 * Content guards, sign-up block lists and crisis mode: watched words, new members' limits, spam heuristics and slow
 * mode checked by one content guard from memory; block lists by a sign-up guard; the crisis switch and its banner;
 * a listener that censors and flags what the guard let through. Everything the guards read is loaded at warm-up and
 * reloaded after each change.
 *
 * <p>Pages: {@code /x/moderation/words} and {@code /x/moderation/blocklists} (admins),
 * {@code /x/moderation/crisis} ({@link Staff#CRISIS}), {@code /x/moderation/topics/:id/slow-mode} (the topic's
 * moderators). The review queue reads the flagged posts with its own {@code new GuardHits(database)}: the class
 * holds no state.
 */
public final class GuardsFeature {

    private GuardsFeature() {
    }

    public static void contribute(Contributions site, Toolkit kit) {
        PluginContext context = site.context();
        GuardSettings settings = GuardSettings.declare(site.settings());
        WatchedWords words = new WatchedWords(context.database(), kit.audit(), context.clock());
        SlowModes slowModes = new SlowModes(context.database(), kit.audit(), context.clock());
        Crisis crisis = new Crisis(context.database(), kit.audit(), context.clock());
        SignUpBlocks blocks = new SignUpBlocks(context.database(), kit.audit(), context.clock(),
                settings.approveSignUps());
        GuardHits guardHits = new GuardHits(context.database());

        site.warmUp(() -> {
            words.reload();
            slowModes.reload();
            crisis.reload();
            blocks.reload();
        });
        site.contentGuard(new ContentChecks(words, slowModes, crisis, settings, context.permissions(),
                context.clock()));
        site.signUpGuard(blocks::check);
        site.listener("moderation-guards", new GuardListener(context, words, guardHits, kit.audit()));

        GuardsPages pages = new GuardsPages(kit, words, blocks, crisis, slowModes, settings);
        site.pages()
                .get("/words", pages::words)
                .post("/words", pages::addWord)
                .post("/words/:id/delete", pages::removeWord)
                .get("/blocklists", pages::blocklists)
                .post("/blocklists", pages::addBlock)
                .post("/blocklists/:id/delete", pages::removeBlock)
                .get("/crisis", pages::crisis)
                .post("/crisis", pages::switchCrisis)
                .get("/topics/:id/slow-mode", pages::slowMode)
                .post("/topics/:id/slow-mode", pages::setSlowMode)
                .get("/api/crisis", pages::crisisJson)
                .post("/api/crisis", pages::crisisJson)
                .post("/api/topics/:id/slow-mode", pages::setSlowModeJson);

        site.slot(Slots.PAGE_TOP, slot -> crisis.active()
                ? context.templates().render("moderation::crisis-banner", Map.of()) : Html.EMPTY);
        site.slot(Slots.TOPIC_SIDEBAR, slot -> sidebar(slot, context, slowModes, crisis, settings));
    }

    private static Html sidebar(SlotContext slot, PluginContext context, SlowModes slowModes, Crisis crisis,
                                GuardSettings settings) {
        if (!(slot.subject().orElse(null) instanceof TopicView topic)) {
            return Html.EMPTY;
        }
        int seconds = Math.max(slowModes.seconds(topic.id()),
                crisis.active() ? settings.crisisSlowModeSeconds().get() : 0);
        boolean moderates = context.permissions().allows(slot.viewer(), Staff.CORE_MODERATE,
                Scope.category(topic.categoryId()));
        if (seconds == 0 && !moderates) {
            return Html.EMPTY;
        }
        return context.templates().render("moderation::guards-topic-sidebar",
                Map.of("seconds", seconds, "moderates", moderates, "topicId", topic.id()));
    }
}
