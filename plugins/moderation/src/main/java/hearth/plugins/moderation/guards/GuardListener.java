package hearth.plugins.moderation.guards;

import hearth.api.PluginContext;
import hearth.api.errors.InvalidInput;
import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.PostCreated;
import hearth.api.events.PostEdited;
import hearth.api.views.PostView;
import hearth.plugins.moderation.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the guards cannot do while the post is being saved (they may not write): after a post is published or edited,
 * censors its watched words with the action "censor" (replaced by {@link WatchedWord#CENSORED}, the earlier version
 * kept as a revision) and lists it for review if a word with the action "flag" matches.
 *
 * <p>Idempotent, as delivery is at least once: a censored post no longer matches, so the edit's own
 * {@code PostEdited} changes nothing, and a hit is recorded once per post and reason. Hidden posts are skipped: a
 * held post is checked when it is approved (its {@code PostCreated} comes then).
 */
final class GuardListener implements EventListener {

    private final PluginContext context;
    private final WatchedWords words;
    private final GuardHits hits;
    private final AuditLog audit;

    GuardListener(PluginContext context, WatchedWords words, GuardHits hits, AuditLog audit) {
        this.context = context;
        this.words = words;
        this.hits = hits;
        this.audit = audit;
    }

    @Override
    public void on(JournalEntry entry) {
        long postId = switch (entry.event()) {
            case PostCreated created -> created.postId();
            case PostEdited edited -> edited.postId();
            default -> 0;
        };
        if (postId == 0 || words.all().isEmpty()) {
            return;
        }
        context.topics().post(postId).filter(post -> !post.hidden()).ifPresent(post -> check(post, entry));
    }

    private void check(PostView post, JournalEntry entry) {
        Normalised text = Normalised.of(post.markdown());
        List<int[]> censored = new ArrayList<>();
        long censorBy = 0;
        List<WatchedWord> flagged = new ArrayList<>();
        for (WatchedWord word : words.all()) {
            List<int[]> found = word.matches(text);
            if (found.isEmpty()) {
                continue;
            }
            if (word.action() == WatchedWord.Action.CENSOR) {
                censored.addAll(found);
                censorBy = censorBy == 0 ? word.createdBy() : censorBy;
            } else if (word.action() == WatchedWord.Action.FLAG) {
                flagged.add(word);
            }
        }
        if (censored.isEmpty() && flagged.isEmpty()) {
            return;
        }
        long categoryId = context.topics().topic(post.topicId()).map(t -> t.categoryId()).orElse(0L);
        long editor = censorBy;
        context.database().transaction(tx -> {
            if (!censored.isEmpty()) {
                String after = censor(post.markdown(), text, censored);
                try {
                    // The core keeps who made each edit and needs a member for it: the admin who added the censor
                    // word. The audit log names the site (actor 0), which did it on its own.
                    context.moderation().editPost(tx, post.id(), after, editor);
                    audit.record(tx, 0, "post.censor", "post", post.id(), categoryId, "Watched words censored",
                            post.markdown(), after);
                } catch (InvalidInput refused) {
                    // The core refuses the censored text (say, now over the length limit); retrying would fail
                    // forever, so the moderators get the post to look at instead.
                    hits.add(tx, post.id(), post.topicId(), post.authorId(), "Could not censor: "
                            + refused.getMessage(), entry.recordedAt());
                }
            }
            for (WatchedWord word : flagged) {
                hits.add(tx, post.id(), post.topicId(), post.authorId(), "Watched word: " + word.pattern(),
                        entry.recordedAt());
            }
            return null;
        });
    }

    /** The original text with every matched stretch (mapped back from the normalised text) replaced. */
    static String censor(String original, Normalised text, List<int[]> matches) {
        List<int[]> spans = new ArrayList<>();
        for (int[] match : matches) {
            spans.add(new int[] {text.start()[match[0]], text.end()[match[1] - 1]});
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        StringBuilder out = new StringBuilder(original.length());
        int at = 0;
        for (int[] span : spans) {
            if (span[0] < at) {
                // Overlaps the previous match, already replaced: the one mark covers both.
                at = Math.max(at, span[1]);
                continue;
            }
            out.append(original, at, span[0]).append(WatchedWord.CENSORED);
            at = span[1];
        }
        return out.append(original, at, original.length()).toString();
    }
}
