package hearth.plugins.moderation.review;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.data.PluginTransaction;
import hearth.api.errors.Conflict;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.events.FlagResolved;
import hearth.api.moderation.ModerationActions;
import hearth.api.moderation.Standing;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.plugins.moderation.Sanctions;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What moderators do with a queue item. Each action is authorised for the item's category, runs in one transaction
 * with its audit entry and the settling of the item's flags (each a {@code FlagResolved}, which feeds the flaggers'
 * accuracy), and leaves the item resolved (something was done) or rejected (nothing needed doing).
 */
final class ReviewActions {

    /** Actions per item kind; "take" and "note" keep the item waiting. */
    static final Map<String, List<String>> ACTIONS = Map.of(
            ReviewStore.POST, List.of("take", "note", "approve", "hide", "delete", "edit", "dismiss", "warn", "silence"),
            ReviewStore.HELD, List.of("take", "note", "approve", "delete", "edit", "warn", "silence"),
            ReviewStore.MEMBER, List.of("take", "note", "dismiss", "warn", "silence"),
            ReviewStore.SIGNUP, List.of("take", "note", "approve-signup", "reject-signup"));

    /**
     * The reason a rejected applicant reads. Their account is banned rather than deleted: the decision stays on record
     * (the audit log points at a member that exists), the same address cannot simply sign up again, and an admin can
     * lift the ban if it was a mistake.
     */
    static final String SIGNUP_REJECTED = "Sign-up not approved";

    private final Toolkit kit;
    private final ReviewStore store;
    private final Queue queue;

    ReviewActions(Toolkit kit, ReviewStore store, Queue queue) {
        this.kit = kit;
        this.store = store;
        this.queue = queue;
    }

    /** The item, if the viewer may review it; 403 for those who review nothing or not this item's category. */
    ReviewStore.Item authorised(Optional<MemberView> viewer, long itemId) {
        kit.staff().reviewScope(viewer);
        ReviewStore.Item item = kit.context().database().read(sql -> store.item(sql, itemId))
                .orElseThrow(() -> new NotFound("There is no such item in the review queue."));
        authorise(viewer, item);
        return item;
    }

    /** Category items: whoever reviews the category; members and sign-ups: site moderators and admins. */
    void authorise(Optional<MemberView> viewer, ReviewStore.Item item) {
        if (item.categoryId() != 0) {
            kit.staff().requireReview(viewer, item.categoryId());
        } else if (!kit.staff().moderatesEverything(viewer)) {
            throw new Forbidden("Only site moderators and admins review members and sign-ups.");
        }
    }

    /**
     * Silencing needs {@link Staff#SANCTION}, or for at most 24 hours {@link Staff#SILENCE_BRIEFLY} in the
     * category of the post under review.
     */
    private void authoriseSilence(Optional<MemberView> viewer, ReviewStore.Item item,
                                  Function<String, Optional<String>> form) {
        Permissions permissions = kit.context().permissions();
        if (permissions.allows(viewer, Staff.SANCTION, Scope.site())) {
            return;
        }
        if (item.categoryId() == 0 || !permissions.allows(viewer, Staff.SILENCE_BRIEFLY,
                Scope.category(item.categoryId()))) {
            throw new Forbidden("Only site moderators and admins can silence members.");
        }
        Sanctions.Length length = Sanctions.Length.parse(form.apply("length").orElse(""));
        boolean briefly = length == Sanctions.Length.DAY || length == Sanctions.Length.CUSTOM
                && form.apply("days").map(String::strip).filter(d -> d.equals("1")).isPresent();
        if (!briefly) {
            throw new Forbidden("You can silence members for up to 24 hours; ask a moderator for longer.");
        }
    }

    /** Does {@code action} to the item with the fields of the form; returns the item as it is afterwards. */
    ReviewStore.Item act(Optional<MemberView> viewer, long itemId, String action,
                         Function<String, Optional<String>> form) {
        ReviewStore.Item seen = authorised(viewer, itemId);
        if (!ACTIONS.get(seen.kind()).contains(action)) {
            throw new InvalidInput("action", "That cannot be done to this item.");
        }
        long me = viewer.orElseThrow().id();
        if (action.equals("silence")) {
            authoriseSilence(viewer, seen, form);
        }
        Optional<PostView> post = seen.kind().equals(ReviewStore.POST) || seen.kind().equals(ReviewStore.HELD)
                ? kit.context().topics().post(seen.subjectId()) : Optional.empty();
        Instant now = kit.context().clock().instant();
        ReviewStore.Item after = kit.context().database().transaction(tx -> {
            ReviewStore.Item item = store.itemForUpdate(tx.sql(), itemId).orElseThrow();
            if (!item.waiting() && !action.equals("note")) {
                throw new Conflict("This item was settled already; open the queue for what still waits.");
            }
            perform(tx, item, action, form, post, me, now);
            return store.item(tx.sql(), itemId).orElseThrow();
        });
        queue.refresh();
        return after;
    }

    private void perform(PluginTransaction tx, ReviewStore.Item item, String action,
                         Function<String, Optional<String>> form, Optional<PostView> post, long me, Instant now) {
        ModerationActions core = kit.context().moderation();
        String subjectType = item.kind().equals(ReviewStore.MEMBER) || item.kind().equals(ReviewStore.SIGNUP)
                ? "member" : "post";
        boolean hidden = post.map(PostView::hidden).orElse(false);
        switch (action) {
            case "take" -> {
                store.take(tx.sql(), item.id(), me, now);
                audit(tx, me, "take", item, subjectType, "", null, "assigned");
            }
            case "note" -> {
                String text = required(form, "note", "Write the note.", 2000);
                store.addNote(tx.sql(), item.id(), me, text, now);
                audit(tx, me, "note", item, subjectType, text, null, null);
            }
            case "approve" -> {
                // A flagged post that is still visible needs no change: approving it says the flags were wrong.
                if (hidden) {
                    core.approvePost(tx, item.subjectId(), me);
                }
                settle(tx, item, ReviewStore.DISAGREED, me, now);
                close(tx, item, ReviewStore.RESOLVED, me, now);
                audit(tx, me, "approve", item, subjectType, form.apply("reason").orElse(""),
                        hidden ? "hidden" : "visible", "visible");
            }
            case "hide" -> {
                String reason = form.apply("reason").map(String::strip).filter(r -> !r.isEmpty())
                        .orElse(item.reason());
                if (!hidden) {
                    core.hidePost(tx, item.subjectId(), reason, me);
                }
                settle(tx, item, ReviewStore.AGREED, me, now);
                close(tx, item, ReviewStore.RESOLVED, me, now);
                audit(tx, me, "hide", item, subjectType, reason, hidden ? "hidden" : "visible", "hidden");
            }
            case "delete" -> {
                core.deletePost(tx, item.subjectId(), me);
                settle(tx, item, ReviewStore.AGREED, me, now);
                close(tx, item, ReviewStore.RESOLVED, me, now);
                audit(tx, me, "delete", item, subjectType, form.apply("reason").orElse(""),
                        post.map(PostView::markdown).orElse(null), "deleted");
            }
            case "edit" -> {
                // Editing fixes the post, so a post hidden or held for what it said is shown again.
                String markdown = required(form, "markdown", "Write the post's new text.", 60000);
                core.editPost(tx, item.subjectId(), markdown, me);
                if (hidden) {
                    core.approvePost(tx, item.subjectId(), me);
                }
                settle(tx, item, ReviewStore.AGREED, me, now);
                close(tx, item, ReviewStore.RESOLVED, me, now);
                audit(tx, me, "edit", item, subjectType, form.apply("reason").orElse(""),
                        post.map(PostView::markdown).orElse(null), markdown);
            }
            case "dismiss" -> {
                settle(tx, item, ReviewStore.DISAGREED, me, now);
                close(tx, item, ReviewStore.REJECTED, me, now);
                audit(tx, me, "dismiss", item, subjectType, form.apply("reason").orElse(""), null, null);
            }
            case "warn" -> {
                // Sanctions writes the audit entry (action "warn", about the member).
                kit.sanctions().warn(tx, item.memberId(), form.apply("reason").orElse(""), me);
                settle(tx, item, ReviewStore.AGREED, me, now);
                close(tx, item, ReviewStore.RESOLVED, me, now);
            }
            case "silence" -> {
                Sanctions.Length length = Sanctions.Length.parse(form.apply("length").orElse(""));
                Optional<Integer> days = form.apply("days").map(String::strip).filter(d -> !d.isEmpty())
                        .map(ReviewActions::days);
                kit.sanctions().silence(tx, item.memberId(), kit.sanctions().until(length, days),
                        form.apply("reason").orElse(""), me);
                settle(tx, item, ReviewStore.AGREED, me, now);
                close(tx, item, ReviewStore.RESOLVED, me, now);
            }
            case "approve-signup" -> {
                core.setStanding(tx, item.subjectId(), Standing.ACTIVE, null, "Sign-up approved", me);
                close(tx, item, ReviewStore.RESOLVED, me, now);
                audit(tx, me, "approve-signup", item, subjectType, "", "pending approval", "active");
            }
            case "reject-signup" -> {
                core.setStanding(tx, item.subjectId(), Standing.BANNED, null, SIGNUP_REJECTED, me);
                close(tx, item, ReviewStore.RESOLVED, me, now);
                audit(tx, me, "reject-signup", item, subjectType, SIGNUP_REJECTED, "pending approval", "banned");
            }
            default -> throw new InvalidInput("action", "That cannot be done to this item.");
        }
    }

    /** Settles the item's open flags; each is a FlagResolved, so the flagger's accuracy counts it from now on. */
    private void settle(PluginTransaction tx, ReviewStore.Item item, String outcome, long me, Instant now) {
        String flagKind = item.kind().equals(ReviewStore.MEMBER) ? ReviewStore.MEMBER : ReviewStore.POST;
        for (ReviewStore.Flag flag : store.openFlags(tx.sql(), flagKind, item.subjectId())) {
            store.settleFlag(tx.sql(), flag.id(), outcome, me, now);
            tx.record(new FlagResolved(flag.id(), flag.flaggerId(), outcome, me));
        }
    }

    /** Closes the item; a flagged post and its held item are one matter, so settling one settles the other. */
    private void close(PluginTransaction tx, ReviewStore.Item item, String state, long me, Instant now) {
        store.close(tx.sql(), item.id(), state, me, now);
        String twin = item.kind().equals(ReviewStore.POST) ? ReviewStore.HELD
                : item.kind().equals(ReviewStore.HELD) ? ReviewStore.POST : null;
        if (twin != null) {
            store.waitingItem(tx.sql(), twin, item.subjectId())
                    .ifPresent(other -> store.close(tx.sql(), other.id(), state, me, now));
        }
    }

    private void audit(PluginTransaction tx, long me, String action, ReviewStore.Item item, String subjectType,
                       String reason, String before, String after) {
        kit.audit().record(tx, me, action, subjectType, item.subjectId(), item.categoryId(),
                reason.isBlank() ? "Review item " + item.id() : reason, before, after);
    }

    private static String required(Function<String, Optional<String>> form, String field, String message, int max) {
        String value = form.apply(field).map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw new InvalidInput(field, message);
        }
        if (value.length() > max) {
            throw new InvalidInput(field, "Keep it under " + max + " characters.");
        }
        return value;
    }

    private static int days(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("days", "Enter a number of days.");
        }
    }
}
