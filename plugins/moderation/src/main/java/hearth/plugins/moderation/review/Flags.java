package hearth.plugins.moderation.review;

import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.data.PluginTransaction;
import hearth.api.errors.Conflict;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.events.FlagRaised;
import hearth.api.settings.Setting;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Members flag posts and members; each flag goes to the review queue, and a post whose flags pass the threshold is
 * hidden in the same transaction, with the score's breakdown kept for the moderators.
 */
final class Flags {

    /** The reasons a member picks from, with the words the form shows. */
    static final Map<String, String> REASONS = reasons();

    /** What a flag is about. */
    record Target(String kind, long id, long memberId, long categoryId, Optional<PostView> post,
                  Optional<MemberView> member) {
    }

    /** The flag just raised, and whether it hid the post. */
    record Raised(long flagId, long itemId, boolean hidden) {
    }

    private final Toolkit kit;
    private final ReviewStore store;
    private final Queue queue;
    private final Setting<String> mode;
    private final Setting<Integer> flaggers;
    private final Setting<Integer> threshold;
    private final Setting<Integer> perDay;

    Flags(Toolkit kit, ReviewStore store, Queue queue, Setting<String> mode, Setting<Integer> flaggers,
          Setting<Integer> threshold, Setting<Integer> perDay) {
        this.kit = kit;
        this.store = store;
        this.queue = queue;
        this.mode = mode;
        this.flaggers = flaggers;
        this.threshold = threshold;
        this.perDay = perDay;
    }

    /** The post or member {@code viewer} wants to flag, after the checks that need no form: who may flag what. */
    Target target(Optional<MemberView> viewer, String kind, long id) {
        kit.context().permissions().require(viewer, Staff.FLAG, Scope.site(),
                viewer.isEmpty() ? "Sign in to flag posts and members." : "You may not flag posts or members.");
        MemberView flagger = viewer.orElseThrow();
        if (ReviewStore.POST.equals(kind)) {
            PostView post = kit.context().topics().post(id)
                    .filter(p -> !p.hidden() || p.authorId() == flagger.id())
                    .orElseThrow(() -> new NotFound("There is no such post."));
            TopicView topic = kit.context().topics().topic(post.topicId())
                    .orElseThrow(() -> new NotFound("There is no such post."));
            if (post.authorId() == flagger.id()) {
                throw new Forbidden("You cannot flag your own post: edit or delete it instead.");
            }
            return new Target(kind, id, post.authorId(), topic.categoryId(), Optional.of(post),
                    kit.context().members().byId(post.authorId()));
        }
        if (ReviewStore.MEMBER.equals(kind)) {
            MemberView member = kit.context().members().byId(id)
                    .orElseThrow(() -> new NotFound("There is no such member."));
            if (member.id() == flagger.id()) {
                throw new Forbidden("You cannot flag yourself.");
            }
            if (member.isStaff()) {
                throw new Forbidden("Moderators and admins cannot be flagged; write to an admin about them instead.");
            }
            return new Target(kind, id, id, 0, Optional.empty(), Optional.of(member));
        }
        throw new InvalidInput("kind", "Flag a post or a member.");
    }

    /** Raises a flag, in one transaction with its queue item, its event, its audit entry and any hiding. */
    Raised raise(Optional<MemberView> viewer, String kind, long id, String reason, String details) {
        Target target = target(viewer, kind, id);
        MemberView flagger = viewer.orElseThrow();
        String why = reason == null ? "" : reason.strip();
        String text = details == null ? "" : details.strip();
        if (!REASONS.containsKey(why)) {
            throw new InvalidInput("reason", "Choose why you are flagging this.");
        }
        if ("other".equals(why) && text.isEmpty()) {
            throw new InvalidInput("text", "Tell the moderators what is wrong.");
        }
        if (text.length() > 500) {
            throw new InvalidInput("text", "Keep it under 500 characters.");
        }
        Instant now = kit.context().clock().instant();
        Raised raised;
        try {
            raised = raise(flagger, target, kind, id, why, text, now);
        } catch (IntegrityConstraintViolationException twice) {
            // Two flags of the same item by the same member at the same moment: the unique key let one through.
            throw new Conflict("You have already flagged this; the moderators will look at it.");
        }
        queue.refresh();
        return raised;
    }

    private Raised raise(MemberView flagger, Target target, String kind, long id, String why, String text,
                         Instant now) {
        return kit.context().database().transaction(tx -> {
            if (store.flagsSince(tx.sql(), flagger.id(), now.minus(Duration.ofDays(1))) >= perDay.get()) {
                throw new InvalidInput("reason", "You have flagged " + perDay.get()
                        + " things in the last 24 hours, the most allowed; the moderators will get to them.");
            }
            if (store.hasOpenFlag(tx.sql(), flagger.id(), kind, id)) {
                throw new Conflict(ReviewStore.POST.equals(kind)
                        ? "You have already flagged this post; the moderators will look at it."
                        : "You have already flagged this member; the moderators will look at it.");
            }
            int[] history = store.flagHistory(tx.sql(), flagger.id());
            FlagScore.Flagger standing = new FlagScore.Flagger(flagger.role(), flagger.joinedAt(), history[0],
                    history[1]);
            long flagId = store.insertFlag(tx.sql(), new ReviewStore.Flag(0, kind, id, target.memberId(),
                    target.categoryId(), flagger.id(), why, text, FlagScore.trust(standing, now),
                    FlagScore.accuracy(standing), FlagScore.weight(standing, now), ReviewStore.OPEN, now));
            tx.record(new FlagRaised(flagId, flagger.id(), target.post().isPresent() ? id : 0, target.memberId(),
                    why));
            kit.audit().record(tx, flagger.id(), "flag", kind, id, target.categoryId(), why
                    + (text.isEmpty() ? "" : ": " + text), null, null);
            ReviewStore.Item item = store.openItem(tx.sql(), kind, id, target.memberId(), target.categoryId(),
                    REASONS.get(why), now);
            boolean hidden = target.post().isPresent() && rescore(tx, item, target, now);
            return new Raised(flagId, item.id(), hidden);
        });
    }

    /**
     * Scores the post's open flags, keeps the summary on its queue item and hides the post when the score passes.
     * Posts by staff are never hidden by flags (members cannot sanction them); they wait for an admin in the queue.
     */
    private boolean rescore(PluginTransaction tx, ReviewStore.Item item, Target target, Instant now) {
        FlagScore.Breakdown breakdown = breakdown(store.openFlags(tx.sql(), ReviewStore.POST, target.id()));
        PostView post = target.post().orElseThrow();
        boolean byStaff = target.member().map(MemberView::isStaff).orElse(false);
        if (!breakdown.passes() || post.hidden() || byStaff) {
            store.explain(tx.sql(), item.id(), breakdown.summary(), item.explanation(), now);
            return false;
        }
        String reason = "Hidden by flags: " + breakdown.summary();
        kit.context().moderation().hidePost(tx, post.id(), reason, 0);
        kit.audit().record(tx, 0, "auto-hide", ReviewStore.POST, post.id(), target.categoryId(), reason, "visible",
                "hidden");
        store.explain(tx.sql(), item.id(), breakdown.summary(), reason + " (at " + now + ")", now);
        return true;
    }

    /** The breakdown of these flags under the current mode and threshold, with each flagger's name. */
    FlagScore.Breakdown breakdown(List<ReviewStore.Flag> open) {
        List<FlagScore.Part> parts = new ArrayList<>();
        for (ReviewStore.Flag flag : open) {
            String name = kit.context().members().byId(flag.flaggerId()).map(MemberView::username)
                    .orElse("(deleted account)");
            parts.add(new FlagScore.Part(name, flag.reason(), flag.trust(), flag.accuracy(), flag.weight()));
        }
        FlagScore.Mode chosen = FlagScore.Mode.of(mode.get());
        return FlagScore.score(chosen, parts, chosen == FlagScore.Mode.COUNT ? flaggers.get() : threshold.get());
    }

    private static Map<String, String> reasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("spam", "Spam");
        reasons.put("off-topic", "Off-topic");
        reasons.put("inappropriate", "Inappropriate");
        reasons.put("harassment", "Harassment");
        reasons.put("other", "Something else");
        return java.util.Collections.unmodifiableMap(reasons);
    }
}
