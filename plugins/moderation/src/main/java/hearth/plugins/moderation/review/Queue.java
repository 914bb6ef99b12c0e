package hearth.plugins.moderation.review;

import hearth.api.events.JournalEntry;
import hearth.api.events.PostHidden;
import hearth.api.views.Applicant;
import hearth.api.views.MemberView;
import hearth.plugins.moderation.Toolkit;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the nav counter and the flag links know without I/O: waiting items per category and each member's open
 * flags, loaded at warm-up, reloaded after every write here and every half minute (for other nodes' writes). Also
 * keeps the queue in step with the core: posts held as they were written, and sign-ups awaiting approval.
 */
final class Queue {

    /** More than this many waiting sign-ups are listed a page at a time by later syncs. */
    private static final int SIGNUPS_READ = 200;

    private final Toolkit kit;
    private final ReviewStore store;
    private volatile Map<Long, Integer> waiting = Map.of();
    private volatile Map<Long, Set<String>> openFlags = Map.of();

    Queue(Toolkit kit, ReviewStore store) {
        this.kit = kit;
        this.store = store;
    }

    /** Reloads the counts and open flags (blocking). */
    void refresh() {
        Map<Long, Integer> counts = kit.context().database().read(store::waitingCounts);
        Map<Long, Set<String>> flags = kit.context().database().read(store::openFlagKeys);
        flags.replaceAll((k, v) -> Set.copyOf(v));
        waiting = Map.copyOf(counts);
        openFlags = Map.copyOf(flags);
    }

    /** Syncs sign-ups, then refreshes: the warm-up and the periodic task. */
    void sync() {
        syncSignUps();
        refresh();
    }

    /**
     * Waiting items the viewer would see in the queue, from memory; empty for those who review nothing. Category
     * moderators count their categories only (a sum over a few map entries).
     */
    Optional<Integer> waitingFor(Optional<MemberView> viewer) {
        Map<Long, Integer> counts = waiting;
        if (kit.staff().moderatesEverything(viewer)) {
            return Optional.of(counts.values().stream().mapToInt(Integer::intValue).sum());
        }
        Set<Long> mine = kit.staff().reviewedCategories(viewer);
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(mine.stream().mapToInt(id -> counts.getOrDefault(id, 0)).sum());
    }

    /** Whether the member has an open flag on the item (so the page says "flagged" instead of offering a flag). */
    boolean hasOpenFlag(long memberId, String kind, long id) {
        return openFlags.getOrDefault(memberId, Set.of()).contains(kind + ":" + id);
    }

    /**
     * Adds a queue item for each account waiting for approval, and settles items of accounts no longer waiting
     * (approved or removed elsewhere). Idempotent, so it may run on every node and every page load.
     */
    void syncSignUps() {
        List<Applicant> applicants = kit.context().members().awaitingApproval(SIGNUPS_READ);
        Instant now = kit.context().clock().instant();
        kit.context().database().write(sql -> {
            Set<Long> listed = new HashSet<>(store.waitingSubjects(sql, ReviewStore.SIGNUP));
            for (Applicant applicant : applicants) {
                if (!listed.remove(applicant.member().id())) {
                    store.openItem(sql, ReviewStore.SIGNUP, applicant.member().id(), applicant.member().id(), 0,
                            "Signed up with " + applicant.email(), now);
                }
            }
            if (applicants.size() < SIGNUPS_READ) {
                listed.forEach(gone -> store.waitingItem(sql, ReviewStore.SIGNUP, gone)
                        .ifPresent(item -> store.close(sql, item.id(), ReviewStore.RESOLVED, 0, now)));
            }
            return null;
        });
    }

    /**
     * The journal listener: a post held as it was written waits in the queue. Posts hidden later (by a moderator, or
     * by flags, which open their own item) are not queue items. Insert-if-absent makes a replayed event harmless.
     */
    void on(JournalEntry entry) {
        if (!(entry.event() instanceof PostHidden hidden) || !hidden.held()) {
            return;
        }
        // A replay after the item was settled, or a post approved before this ran, needs no item.
        boolean stillHeld = kit.context().topics().post(hidden.postId()).map(p -> p.hidden()).orElse(false);
        long categoryId = kit.context().topics().topic(hidden.topicId()).map(t -> t.categoryId()).orElse(0L);
        boolean added = kit.context().database().write(sql -> {
            if (!stillHeld || store.everQueued(sql, ReviewStore.HELD, hidden.postId())) {
                return false;
            }
            store.openItem(sql, ReviewStore.HELD, hidden.postId(), hidden.authorId(), categoryId,
                    "Held: " + hidden.reason(), entry.recordedAt());
            return true;
        });
        if (added) {
            refresh();
        }
    }
}
