package hearth.plugins.moderation.review;

import hearth.api.Contributions;
import hearth.api.settings.Setting;
import hearth.api.slots.Slots;
import hearth.plugins.moderation.TimelineSource;
import hearth.plugins.moderation.Toolkit;
import java.time.Duration;
import java.util.List;

/**
 * Flags and the review queue: the settings for hiding flagged posts, the flag form and link, the queue pages and
 * API, the nav counter, the listener that queues held posts and the task that keeps counts and sign-ups fresh.
 */
public final class ReviewFeature {

    private ReviewFeature() {
    }

    /** Declares flags and the queue; returns the flags' part of members' timelines. */
    public static TimelineSource contribute(Contributions site, Toolkit kit) {
        Setting<String> mode = site.settings().choice("hide-mode",
                "How flags hide a post: weighted (by each flagger's trust and accuracy) or count (distinct flaggers)",
                FlagScore.Mode.WEIGHTED.key(), List.of(FlagScore.Mode.WEIGHTED.key(), FlagScore.Mode.COUNT.key()));
        Setting<Integer> threshold = site.settings().number("hide-threshold",
                "Weighted mode: the score that hides a post (an established member's first flag weighs 1)", 3, 1, 100);
        Setting<Integer> flaggers = site.settings().number("hide-after-flaggers",
                "Count mode: hide a post after this many members flagged it", 3, 1, 100);
        Setting<Integer> perDay = site.settings().number("flags-per-day",
                "How many flags a member may raise in 24 hours", 20, 1, 1000);

        ReviewStore store = new ReviewStore(kit.context().database());
        Queue queue = new Queue(kit, store);
        Flags flags = new Flags(kit, store, queue, mode, flaggers, threshold, perDay);
        ReviewActions actions = new ReviewActions(kit, store, queue);
        ReviewPages review = new ReviewPages(kit, store, queue, flags, actions);
        FlagPages flagPages = new FlagPages(flags);
        ReviewSlots slots = new ReviewSlots(kit, queue);

        site.warmUp(queue::sync);
        site.task("review-counts", Duration.ofSeconds(30), queue::sync);
        site.listener("queue", queue::on);

        site.pages()
                .get("/flag/:kind/:id", flagPages::form)
                .post("/flag/:kind/:id", flagPages::save)
                .get("/review", review::list)
                .get("/review/:id", review::show)
                .post("/review/:id/:action", review::act)
                .get("/api/queue", review::apiList)
                .post("/api/flags", flagPages::api)
                .post("/api/queue/:id/:action", review::apiAct);

        site.shortcut("/review", "/review");
        site.slot(Slots.NAV_MAIN, slots::nav);
        site.slot(Slots.POST_ACTIONS, slots::post);
        site.slot(Slots.PROFILE_HEADER, slots::profile);
        return new FlagsTimeline(kit.context().database(), store);
    }
}
