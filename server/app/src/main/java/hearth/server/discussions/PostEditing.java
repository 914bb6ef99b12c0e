package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.PostRevisions.POST_REVISIONS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.content.Draft;
import hearth.api.content.Verdict;
import hearth.api.errors.InvalidInput;
import hearth.api.events.PostEdited;
import hearth.api.events.TopicMoved;
import hearth.server.access.ContentGuards;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.mentions.Mentions;
import hearth.server.web.RateLimiter;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Editing a post (and, for a topic's opening post, the topic's title and category), in one transaction: the same rules and
 * content guards as posting, then the version it replaces is kept as a revision. Authors fixing a typo right away
 * leave no trace: their own edits within {@link #GRACE} of posting, before anyone else edited it, keep no revision.
 */
public final class PostEditing {

    /** How long after posting the author's edits leave no revision and no "edited" mark. */
    public static final Duration GRACE = Duration.ofMinutes(5);
    public static final int REASON_MAX = 200;

    /** What an edit changed. */
    public record Edited(long postId, long topicId, int revisions, boolean changed) {
    }

    private final Database db;
    private final PostAuthority authority;
    private final PostRules rules;
    private final ContentGuards guards;
    private final Markdown markdown;
    private final RateLimiter changes;
    private final Clock clock;

    /** @param changes brakes edit sprees (shared with deleting and restoring) */
    public PostEditing(Database db, PostAuthority authority, PostRules rules, ContentGuards guards,
                       Markdown markdown, RateLimiter changes, Clock clock) {
        this.db = db;
        this.authority = authority;
        this.rules = rules;
        this.guards = guards;
        this.markdown = markdown;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Saves a new version. {@code rawTitle} is null when the title is not being changed, {@code categoryId} null when
     * the topic stays where it is; a title or category for a reply is refused. Moving alone keeps no revision.
     */
    public Future<Edited> edit(Viewer viewer, long postId, String rawBody, String rawTitle, Long categoryId,
                               String rawReason) {
        return db.write(tx -> {
            PostAuthority.Target target = authority.lockedTarget(tx.sql(), viewer, postId);
            authority.mayEdit(viewer, target, rawBody != null && !sameText(rawBody, target.markdown()),
                    rawTitle != null && !rawTitle.strip().equals(target.topic().title()));
            PostAuthority.notDeleted(target);
            Map<String, String> errors = new LinkedHashMap<>();
            String body = valid(errors, () -> rules.body(rawBody));
            String title = null;
            if (rawTitle != null) {
                if (target.number() != 1) {
                    errors.put("title", "Only a topic's opening post has a title.");
                } else {
                    title = valid(errors, () -> rules.title(rawTitle));
                }
            }
            Long movedTo = categoryId == null || categoryId == target.topic().categoryId() ? null : categoryId;
            if (movedTo != null) {
                if (target.number() != 1) {
                    errors.put("categoryId", "Only a topic's opening post has a category.");
                } else if (!tx.sql().fetchExists(CATEGORIES, CATEGORIES.ID.eq(movedTo))) {
                    errors.put("categoryId", "Choose a category.");
                } else {
                    authority.mayMove(viewer, target, movedTo);
                }
            }
            String reason = rawReason == null ? "" : rawReason.strip();
            if (reason.length() > REASON_MAX) {
                errors.put("reason", "Please keep the reason under " + REASON_MAX + " characters.");
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
            String oldTitle = target.topic().title();
            boolean titleChanged = title != null && !title.equals(oldTitle);
            if (movedTo != null) {
                tx.sql().update(TOPICS).set(TOPICS.CATEGORY_ID, movedTo).where(TOPICS.ID.eq(target.topic().id()))
                        .execute();
                tx.record(new TopicMoved(target.topic().id(), target.topic().categoryId(), movedTo,
                        viewer.memberId()));
            }
            if (body.equals(target.markdown()) && !titleChanged) {
                return new Edited(postId, target.topic().id(), target.revisions(), movedTo != null);
            }
            if (!changes.tryAcquire("member:" + viewer.memberId())) {
                throw new InvalidInput("body", "You are changing posts quickly: please wait a few minutes.");
            }
            Mentions.requireWithinLimit(tx.sql(), markdown.mentioned(body));
            guard(viewer, target, titleChanged ? title : "", body);
            Instant now = clock.instant();
            boolean graced = viewer.memberId() == target.authorId() && target.revisions() == 0
                    && now.isBefore(target.createdAt().plus(GRACE));
            int revisions = target.revisions();
            if (!graced) {
                revisions++;
                tx.sql().insertInto(POST_REVISIONS)
                        .set(POST_REVISIONS.POST_ID, postId)
                        .set(POST_REVISIONS.REVISION, revisions)
                        .set(POST_REVISIONS.PREVIOUS_MARKDOWN, target.markdown())
                        .set(POST_REVISIONS.PREVIOUS_TITLE, titleChanged ? oldTitle : null)
                        .set(POST_REVISIONS.EDITOR_ID, viewer.memberId())
                        .set(POST_REVISIONS.REASON, reason)
                        .set(POST_REVISIONS.CREATED_AT, now)
                        .execute();
            }
            tx.sql().update(POSTS)
                    .set(POSTS.BODY_MARKDOWN, body)
                    .set(POSTS.BODY_HTML, markdown.toHtml(body, names -> Mentions.existing(tx.sql(), names)))
                    .set(POSTS.REVISION_COUNT, revisions)
                    .where(POSTS.ID.eq(postId))
                    .execute();
            if (titleChanged) {
                retitle(tx, target.topic().id(), title);
            }
            tx.record(new PostEdited(postId, target.topic().id(), viewer.memberId(), revisions));
            return new Edited(postId, target.topic().id(), revisions, true);
        });
    }

    /** Whether a form sends the text back unchanged (browsers send line breaks as CRLF). */
    private static boolean sameText(String sent, String saved) {
        return sent.replace("\r\n", "\n").strip().equals(saved.replace("\r\n", "\n").strip());
    }

    private static void retitle(Tx tx, long topicId, String title) {
        // The old address keeps working: a wrong slug redirects to the topic's current one.
        tx.sql().update(TOPICS).set(TOPICS.TITLE, title).set(TOPICS.SLUG, Discussions.slug(title))
                .where(TOPICS.ID.eq(topicId)).execute();
    }

    private void guard(Viewer viewer, PostAuthority.Target target, String title, String body) {
        Draft.Kind kind = target.number() == 1 ? Draft.Kind.TOPIC : Draft.Kind.REPLY;
        Verdict verdict = guards.review(new Draft(kind, viewer.asMemberView(), target.topic().categoryId(),
                target.topic().id(), target.postId(), title, body, 0));
        switch (verdict.outcome()) {
            case ACCEPT -> {
            }
            case REJECT -> throw new InvalidInput("body", verdict.reason().isBlank()
                    ? "This edit was refused by the site's content rules." : verdict.reason());
            // Publishing the edit would publish what the guard holds, and hiding the post would hide what readers
            // already saw approved: refuse the edit, with the reason, and keep the post as it was.
            case HOLD_FOR_REVIEW -> throw new InvalidInput("body", "This edit would need a moderator's review, so "
                    + "it was not saved" + (verdict.reason().isBlank() ? "." : ": " + verdict.reason()));
        }
    }

    private static String valid(Map<String, String> errors, java.util.function.Supplier<String> rule) {
        try {
            return rule.get();
        } catch (InvalidInput invalid) {
            errors.putAll(invalid.errors());
            return null;
        }
    }
}
